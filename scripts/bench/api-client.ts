import type { Config } from '../../activities/src/config/environment';
import { demoPasswordGrant, demoStepUpLogin, type TokenSet } from '../testing/keycloak-tokens';

/** A GraphQL answer with errors, as an Error carrying the first error's code. */
export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Tokens are renewed well before Keycloak's 5-minute lifespan and the API's 10-minute step-up freshness. */
const TOKEN_MAX_AGE_MS = 4 * 60_000;

/**
 * The API as the benchmarks call it: real Keycloak tokens for the demo users (a password grant, or a browser
 * step-up to acr 2), GraphQL over POST and the multipart upload route, with nothing mocked.
 */
export class BenchApi {
  private readonly tokens = new Map<string, { token: Promise<TokenSet>; at: number }>();

  constructor(
    private readonly env: Config,
    readonly apiUrl: string = env.API_URL,
  ) {}

  /** The same Keycloak, another API process (e.g. one serving a generated database). */
  withApiUrl(apiUrl: string): BenchApi {
    return new BenchApi(this.env, apiUrl);
  }

  async accessToken(username: string, stepUp = false): Promise<string> {
    const key = `${username}|${stepUp}`;
    const cached = this.tokens.get(key);
    if (cached && Date.now() - cached.at < TOKEN_MAX_AGE_MS) return (await cached.token).accessToken;
    const location = { keycloakUrl: this.env.KEYCLOAK_URL, realm: this.env.KEYCLOAK_REALM };
    const token = stepUp ? demoStepUpLogin(location, username) : demoPasswordGrant(location, username);
    this.tokens.set(key, { token, at: Date.now() });
    token.catch(() => this.tokens.delete(key));
    return (await token).accessToken;
  }

  async graphql<T>(
    username: string,
    query: string,
    variables: Record<string, unknown> = {},
    options: { stepUp?: boolean } = {},
  ): Promise<T> {
    const token = await this.accessToken(username, options.stepUp);
    const response = await fetch(`${this.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(300_000),
    });
    const answer = (await response.json()) as {
      data?: T | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const error = answer.errors?.[0];
    if (error || !answer.data) {
      throw new GraphqlError(
        `GraphQL answered ${error?.extensions?.code ?? response.status}: ${error?.message ?? 'no data'}`,
        error?.extensions?.code,
      );
    }
    return answer.data;
  }

  /**
   * POST /invoices/uploads. A 429 is waited out (Retry-After) and counted, so a running API's rate limit shows in
   * the result instead of failing the run.
   */
  async upload(
    username: string,
    document: { readonly name: string; readonly bytes: Buffer },
    fields: Record<string, string>,
  ): Promise<{ workflowId: string; duplicate: boolean; throttled: number }> {
    let throttled = 0;
    for (;;) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      form.set('file', new Blob([document.bytes]), document.name);
      const response = await fetch(`${this.apiUrl}/invoices/uploads`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await this.accessToken(username)}` },
        body: form,
        signal: AbortSignal.timeout(120_000),
      });
      if (response.status === 429) {
        throttled += 1;
        await response.body?.cancel();
        const wait = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
        continue;
      }
      const body = (await response.json()) as { workflowId?: string; duplicate?: boolean };
      if (response.status !== 202 || !body.workflowId) {
        throw new Error(`upload of ${document.name} answered ${response.status}: ${JSON.stringify(body)}`);
      }
      return { workflowId: body.workflowId, duplicate: body.duplicate === true, throttled };
    }
  }
}

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `intervalMs` until it returns a value; fails after `timeoutMs`, naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}
