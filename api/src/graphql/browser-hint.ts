import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { toErrorResponse } from '../errors/api-exception.filter';
import { type ApiRequest } from '../http/api-request';

export const BROWSER_HINT =
  'This is the EventVault GraphQL API, not a web page. Send a POST with Content-Type: application/json and ' +
  'Authorization: Bearer <access token>; the schema is api/schema.graphql. See the README.';

/**
 * Someone opening /graphql in a browser (a GET that prefers HTML, no token) gets the usual 401 with a hint on how
 * to call the API, instead of Apollo's CSRF error. Everything else passes through to Apollo unchanged.
 */
export function graphqlBrowserHint(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const fromBrowser =
      req.method === 'GET' &&
      req.headers.authorization === undefined &&
      // The same negotiation as Apollo's own "prefers HTML" check for its landing page.
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (!fromBrowser) {
      next();
      return;
    }
    const response = toErrorResponse(new ApiError(ApiErrorCode.UNAUTHENTICATED, BROWSER_HINT));
    const requestId = (req as ApiRequest).requestId;
    res.status(response.status);
    for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
    res.json({
      errors: [
        {
          message: response.message,
          extensions: { code: response.code, ...(requestId === undefined ? {} : { requestId }) },
        },
      ],
    });
  };
}
