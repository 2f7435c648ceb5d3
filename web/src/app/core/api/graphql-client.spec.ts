import { HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { FakeKeycloak, provideTestAuth } from '../../../testing/fake-keycloak';
import { AuthService } from '../auth/auth.service';
import { bearerTokenInterceptor } from '../auth/bearer-token.interceptor';
import { ApiProblem, StepUpRequired } from './api-problem';
import { graphql } from './generated';
import { GraphqlClient, problemFromHttpError } from './graphql-client';

const endpoint = 'http://127.0.0.1:23000/graphql';

const whoAmI = graphql(`
  query WhoAmI {
    me {
      username
      organisation
      mfa
    }
  }
`);

describe('GraphqlClient', () => {
  let client: GraphqlClient;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        ...provideTestAuth(new FakeKeycloak({ username: 'finance@kalahari.demo' })),
        provideHttpClient(withInterceptors([bearerTokenInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    await TestBed.inject(AuthService).init();
    client = TestBed.inject(GraphqlClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function answer(body: object, init?: { status: number; statusText: string }): Promise<void> {
    await vi
      .waitFor(() => backend.expectOne(endpoint, 'the GraphQL request'), { timeout: 1000 })
      .then((request) => {
        expect(request.request.method).toBe('POST');
        expect(request.request.headers.get('Authorization')).toMatch(/^Bearer /);
        expect((request.request.body as { query: string }).query).toContain('query WhoAmI');
        request.flush(body, init);
      });
  }

  it('returns the typed data of a successful operation', async () => {
    const result = client.request(whoAmI);
    await answer({
      data: { me: { username: 'finance@kalahari.demo', organisation: 'kalahari-live', mfa: false } },
    });
    await expect(result).resolves.toEqual({
      me: { username: 'finance@kalahari.demo', organisation: 'kalahari-live', mfa: false },
    });
  });

  it('turns STEP_UP_REQUIRED into a StepUpRequired carrying the acr and maximum age the API asks for', async () => {
    const result = client.request(whoAmI);
    await answer(
      {
        data: null,
        errors: [
          {
            message: 'Approving this amount needs a fresh one-time code',
            extensions: { code: 'STEP_UP_REQUIRED', details: { acrValues: '2', maxAgeSeconds: 900 } },
          },
        ],
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    const problem = await result.catch((error: unknown) => error);
    expect(problem).toBeInstanceOf(StepUpRequired);
    expect((problem as StepUpRequired).acrValues).toBe('2');
    expect((problem as StepUpRequired).maxAgeSeconds).toBe(900);
    expect((problem as StepUpRequired).message).toBe('Approving this amount needs a fresh one-time code');
  });

  it('keeps the code and the named field of an error inside a 200 answer', async () => {
    const result = client.request(whoAmI);
    await answer({
      data: null,
      errors: [
        { message: 'Comment is required', extensions: { code: 'VALIDATION', details: { field: 'comment' } } },
      ],
    });
    const problem = (await result.catch((error: unknown) => error)) as ApiProblem;
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.code).toBe('VALIDATION');
    expect(problem.field).toBe('comment');
  });

  it('reports an unknown code as INTERNAL and a dropped connection as NETWORK', async () => {
    const unknown = client.request(whoAmI);
    await answer({ errors: [{ message: 'odd', extensions: { code: 'SOMETHING_NEW' } }] });
    expect(((await unknown.catch((error: unknown) => error)) as ApiProblem).code).toBe('INTERNAL');

    const dropped = client.request(whoAmI);
    const request = await vi.waitFor(() => backend.expectOne(endpoint));
    request.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    expect(((await dropped.catch((error: unknown) => error)) as ApiProblem).code).toBe('NETWORK');
  });

  it('reads the code, message and details of a REST error body ({ error: { … } })', () => {
    const problem = problemFromHttpError(
      new HttpErrorResponse({
        status: 409,
        statusText: 'Conflict',
        error: {
          error: {
            code: 'CONFLICT',
            message: 'This invoice is not waiting for a new version (it is pending-approval).',
            details: { status: 'pending-approval' },
          },
        },
      }),
    );
    expect(problem.code).toBe('CONFLICT');
    expect(problem.message).toBe('This invoice is not waiting for a new version (it is pending-approval).');
  });
});
