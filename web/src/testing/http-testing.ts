import type { ComponentFixture } from '@angular/core/testing';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';

/** The API's GraphQL endpoint in testRuntimeConfig. */
export const testGraphqlEndpoint = 'http://127.0.0.1:23000/graphql';

/** Lets an answered request's promise chain finish, then renders (zoneless change detection). */
export async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }
}

/** The next request that `match` accepts, waiting for the component to send it. */
export async function nextRequest(
  backend: HttpTestingController,
  match: (request: TestRequest['request']) => boolean,
  what = 'the expected request',
): Promise<TestRequest> {
  let request: TestRequest | undefined;
  await vi.waitFor(
    () => {
      request ??= backend.match(match)[0];
      expect(request, what).toBeDefined();
    },
    { timeout: 5000 },
  );
  return request as TestRequest;
}

/** The next GraphQL request whose document contains `operation`, e.g. "query InboxTasks". */
export function nextGraphqlRequest(backend: HttpTestingController, operation: string): Promise<TestRequest> {
  return nextRequest(
    backend,
    (request) =>
      request.url === testGraphqlEndpoint && (request.body as { query: string }).query.includes(operation),
    `a ${operation} request`,
  );
}
