import { SetMetadata } from '@nestjs/common';
import { type Role } from './roles';

export const REQUIRED_ROLES = 'eventvault:roles';

/** The caller needs at least one of these realm roles. */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
