import { type ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost, type GqlContextType } from '@nestjs/graphql';
import { type Request, type Response } from 'express';
import { type Principal } from '../auth/principal';
import { type RequestContext } from '../logging/request-context';

/** What the API adds to Express's request: the request id (always) and the verified caller (once authenticated). */
export interface ApiRequest extends Request {
  requestId?: string;
  principal?: Principal;
  /** The log context the request runs in (request id, then the caller once verified). */
  logContext?: RequestContext;
}

/** The GraphQL context of each operation (built by `authenticatedContext` in graphql/graphql.options.ts). */
export interface GraphqlContext {
  readonly req: ApiRequest;
  readonly res: Response;
}

/** The HTTP request behind a REST handler or a GraphQL resolver; undefined for other transports. */
export function requestOf(host: ArgumentsHost): ApiRequest | undefined {
  const type = host.getType<GqlContextType>();
  if (type === 'http') return host.switchToHttp().getRequest<ApiRequest>();
  if (type === 'graphql') return GqlArgumentsHost.create(host).getContext<GraphqlContext>().req;
  return undefined;
}
