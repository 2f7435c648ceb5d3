import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { requestOf } from '../http/api-request';
import { principalFromClaims } from './principal';
import { IS_PUBLIC } from './public.decorator';
import { TokenVerifier } from './token-verifier';

const bearer = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Registered globally (APP_GUARD): every REST route and GraphQL resolver needs a valid Keycloak access token
 * for this API and an organisation, unless marked @Public().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic === true) return true;

    const request = requestOf(context);
    if (request === undefined) throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'Unsupported transport');
    if (request.principal !== undefined) return true;

    const header = request.headers.authorization;
    if (header === undefined || header === '') {
      throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'A bearer token is required');
    }
    const token = bearer.exec(header)?.[1];
    if (token === undefined)
      throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'Malformed Authorization header');

    request.principal = principalFromClaims(await this.verifier.verify(token));
    return true;
  }
}
