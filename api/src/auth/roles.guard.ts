import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { requestOf } from '../http/api-request';
import { type Role } from './roles';
import { REQUIRED_ROLES } from './roles.decorator';

/** Runs after AuthGuard: a handler marked @Roles(...) needs a caller holding at least one of them. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<readonly Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (required === undefined || required.length === 0) return true;
    const principal = requestOf(context)?.principal;
    if (principal === undefined)
      throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'A bearer token is required');
    if (!required.some((role) => principal.roles.includes(role))) {
      throw new ApiError(ApiErrorCode.FORBIDDEN, 'Your roles do not allow this', { requiredAnyOf: required });
    }
    return true;
  }
}
