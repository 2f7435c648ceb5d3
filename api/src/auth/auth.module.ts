import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { API_CONFIG } from '../config/api-config';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { RolesGuard } from './roles.guard';
import { StepUpPolicy } from './step-up.policy';
import { keycloakSigningKeys, SIGNING_KEYS, TokenVerifier } from './token-verifier';

@Module({
  providers: [
    { provide: SIGNING_KEYS, useFactory: keycloakSigningKeys, inject: [API_CONFIG] },
    TokenVerifier,
    Authenticator,
    StepUpPolicy,
    // Order matters: authenticate first, then check roles.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [TokenVerifier, Authenticator, StepUpPolicy],
})
export class AuthModule {}
