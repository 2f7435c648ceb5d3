import { Inject, Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { API_CONFIG, type ApiConfig, integerSetting, realmUrls } from '../config/api-config';
import { ApiError, ApiErrorCode } from '../errors/api-error';

/** Resolves a token's signing key; in production Keycloak's JWKS, in unit tests a local key set. */
export const SIGNING_KEYS = Symbol('SIGNING_KEYS');

export function keycloakSigningKeys(config: ApiConfig): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(realmUrls(config).jwks), {
    timeoutDuration: 2_000,
    // A key rotation shows up as an unknown kid: refetch at most every 30 s, otherwise cache for 10 min.
    cooldownDuration: 30_000,
    cacheMaxAge: 600_000,
  });
}

/** Verifies Keycloak access tokens: RS256 only, our realm as issuer, the API as audience. */
@Injectable()
export class TokenVerifier {
  private readonly issuer: string;
  private readonly audience: string;
  private readonly clockTolerance: number;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(SIGNING_KEYS) private readonly keys: JWTVerifyGetKey,
  ) {
    this.issuer = realmUrls(config).issuer;
    this.audience = config.API_AUDIENCE;
    this.clockTolerance = integerSetting(config, 'TOKEN_CLOCK_SKEW_SECONDS');
  }

  async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: this.clockTolerance,
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    } catch (error) {
      throw classifyVerificationFailure(error);
    }
  }
}

/** A bad token is the caller's problem (401); an unreachable or broken key endpoint is ours (503). */
export function classifyVerificationFailure(error: unknown): ApiError {
  const keySetUnavailable =
    error instanceof joseErrors.JWKSTimeout ||
    error instanceof joseErrors.JWKSInvalid ||
    // jose reports a non-200 or non-JSON JWKS response as a bare JOSEError (ERR_JOSE_GENERIC).
    (error instanceof joseErrors.JOSEError && error.code === 'ERR_JOSE_GENERIC') ||
    // fetch() failures (connection refused, DNS) are not JOSE errors at all.
    !(error instanceof joseErrors.JOSEError);
  if (keySetUnavailable) {
    return new ApiError(ApiErrorCode.DEPENDENCY_DOWN, 'The identity provider is unavailable', undefined, {
      cause: error,
    });
  }
  const reason = error instanceof joseErrors.JWTExpired ? 'Token has expired' : 'Token is not valid';
  return new ApiError(ApiErrorCode.UNAUTHENTICATED, reason, undefined, { cause: error });
}
