import { Injectable } from '@nestjs/common';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { type ApiRequest } from '../http/api-request';
import { type Principal, principalFromClaims } from './principal';
import { TokenVerifier } from './token-verifier';

const bearer = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Who is calling: verifies the request's bearer token and keeps the principal on the request, so a request is
 * verified once however many places ask (the GraphQL context, then AuthGuard on each resolver field).
 */
@Injectable()
export class Authenticator {
  constructor(private readonly verifier: TokenVerifier) {}

  /** The caller's principal; throws UNAUTHENTICATED (401), FORBIDDEN (403) or DEPENDENCY_DOWN (503). */
  async authenticate(request: ApiRequest): Promise<Principal> {
    if (request.principal !== undefined) return request.principal;

    const header = request.headers.authorization;
    if (header === undefined || header === '') {
      throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'A bearer token is required');
    }
    const token = bearer.exec(header)?.[1];
    if (token === undefined)
      throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'Malformed Authorization header');

    const principal = principalFromClaims(await this.verifier.verify(token));
    request.principal = principal;
    if (request.logContext !== undefined) {
      request.logContext.caller = { subject: principal.subject, organisation: principal.organisation };
    }
    return principal;
  }
}
