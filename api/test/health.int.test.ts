import { startService, stopService } from '../../scripts/stack/control';
import { health, healthUntil, type InProcessApi, requiredEnv, startInProcessApi, statusOf } from './support';

type Dependency = 'postgres' | 'temporal' | 's3' | 'keycloak';
const checkName: Readonly<Record<Dependency, string>> = {
  postgres: 'database',
  temporal: 'temporal',
  s3: 's3',
  keycloak: 'keycloak',
};
const allUp = (answer: { status: number }): boolean => answer.status === 200;

describe('GET /health against the test stack', () => {
  let api: InProcessApi;

  beforeAll(async () => {
    api = await startInProcessApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 200 with all four dependencies up', async () => {
    const answer = await health(api.url);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ok');
    expect(answer.body.checks.map((check) => [check.name, check.status])).toEqual([
      ['database', 'up'],
      ['temporal', 'up'],
      ['s3', 'up'],
      ['keycloak', 'up'],
    ]);
  });

  // Each case stops one service, expects 503 naming it, restarts it, and expects the API to recover on its own.
  describe.each<Dependency>(['s3', 'temporal', 'postgres', 'keycloak'])(
    'when %s stops and starts again',
    (service) => {
      afterAll(async () => {
        await startService(service); // in case an assertion failed mid-way
      });

      it(`answers 503 naming ${checkName[service]} down, then 200 once it is back`, async () => {
        await stopService(service);
        const down = await healthUntil(
          api.url,
          (answer) => statusOf(answer.body, checkName[service]) === 'down',
          15_000,
        );
        expect(down.status).toBe(503);
        expect(down.body.status).toBe('error');
        expect(down.body.checks.find((check) => check.name === checkName[service])).toMatchObject({
          status: 'down',
          error: expect.any(String) as string,
        });
        // Every probe is time-boxed, so a dead dependency never makes /health hang.
        expect(Math.max(...down.body.checks.map((check) => check.latencyMs))).toBeLessThan(3_000);

        await startService(service);
        const back = await healthUntil(api.url, allUp, 60_000);
        expect({ status: back.status, checks: back.body.checks.filter((c) => c.status === 'down') }).toEqual({
          status: 200,
          checks: [],
        });
      });
    },
  );

  it("the test stack's own API process has recovered from the restarts as well", async () => {
    const answer = await healthUntil(requiredEnv('API_URL'), allUp, 60_000);
    expect(answer.status).toBe(200);
  });
});
