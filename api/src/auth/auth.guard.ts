import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { requestOf } from '../http/api-request';
import { Authenticator } from './authenticator';
import { IS_PUBLIC } from './public.decorator';

/**
 * Registered globally (APP_GUARD): every REST route and GraphQL resolver needs a valid Keycloak access token
 * for this API and an organisation, unless marked @Public(). (GraphQL requests are authenticated as a whole
 * before any operation runs, see graphql/graphql.options.ts; here the guard finds the principal already set.)
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic === true) return true;

    const request = requestOf(context);
    if (request === undefined) throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'Unsupported transport');
    await this.authenticator.authenticate(request);
    return true;
  }
}
