import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { type JsonLogger } from '../logging/json-logger';
import { type RequestContext, requestIdFrom, runWithRequestContext } from '../logging/request-context';
import { type ApiRequest } from './api-request';

/** Gives every request an id (kept from X-Request-Id when sane), echoes it, and logs one line when it completes. */
export function requestIdAndAccessLog(logger: JsonLogger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const request = req as ApiRequest;
    const requestId = requestIdFrom(req.headers['x-request-id']);
    request.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0] ?? '';
      const body = req.body as { operationName?: unknown } | undefined;
      const fields = {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        ...(typeof body?.operationName === 'string' ? { operation: body.operationName } : {}),
        ...(request.principal === undefined
          ? {}
          : { subject: request.principal.subject, organisation: request.principal.organisation }),
      };
      // Health is polled constantly; keep successful polls out of the info stream.
      const quiet = path === '/health' && res.statusCode === 200;
      logger.record(quiet ? 'debug' : 'log', 'request completed', fields, 'HTTP');
    });
    const context: RequestContext = { requestId };
    request.logContext = context;
    runWithRequestContext(context, next);
  };
}

/**
 * Re-enters the request's log context after the body parser, whose stream callbacks run outside it,
 * so everything downstream (guards, resolvers, services) logs with the request id.
 */
export function requestContext(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const context = (req as ApiRequest).logContext;
    if (context === undefined) next();
    else runWithRequestContext(context, next);
  };
}
