import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { requestOf } from '../http/api-request';
import { type Principal } from './principal';

/** The authenticated caller, in REST handlers and GraphQL resolvers alike. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = requestOf(context)?.principal;
    if (principal === undefined) throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'Not authenticated');
    return principal;
  },
);
