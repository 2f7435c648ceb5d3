import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { type Response } from 'express';
import { API_CONFIG, type ApiConfig, integerSetting } from '../config/api-config';
import { RateLimitedError } from '../errors/api-error';
import { type GraphqlContext, requestOf } from '../http/api-request';
import { RateLimiter } from './rate-limiter';

/** The kinds of request with a limit of their own, each configured per caller and minute. */
export type RateLimitKind = 'uploads' | 'sensitive';

export const RATE_LIMIT_KIND = 'eventvault:rate-limit';

const settings = {
  uploads: 'RATE_LIMIT_UPLOADS_PER_MINUTE',
  sensitive: 'RATE_LIMIT_SENSITIVE_PER_MINUTE',
} as const;

/** The app's counters, one limiter per kind (a singleton: every module's guard shares them). */
@Injectable()
export class RateLimits {
  readonly limiters: Readonly<Record<RateLimitKind, RateLimiter>>;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.limiters = {
      uploads: new RateLimiter(integerSetting(config, settings.uploads)),
      sensitive: new RateLimiter(integerSetting(config, settings.sensitive)),
    };
  }
}

/**
 * Runs after AuthGuard and RolesGuard (it is a handler guard), so the caller is known: limits are per Keycloak
 * subject, and a refused request costs nothing beyond a map lookup.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly rateLimits: RateLimits,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const kind = this.reflector.get<RateLimitKind | undefined>(RATE_LIMIT_KIND, context.getHandler());
    if (kind === undefined) return true;
    const request = requestOf(context);
    const caller = request?.principal?.subject ?? request?.ip ?? 'unknown';
    const decision = this.rateLimits.limiters[kind].take(`${kind}\n${caller}`);
    if (decision.allowed) return true;
    // GraphQL errors travel in a 200 body; the header still tells clients when to come back.
    if (context.getType<GqlContextType>() === 'graphql') {
      GqlExecutionContext.create(context)
        .getContext<GraphqlContext>()
        .res.setHeader('Retry-After', String(decision.retryAfterSeconds));
    } else {
      context
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('Retry-After', String(decision.retryAfterSeconds));
    }
    throw new RateLimitedError(
      `Too many requests; try again in ${decision.retryAfterSeconds} s`,
      decision.retryAfterSeconds,
    );
  }
}

/** Limits this handler per caller (RATE_LIMIT_UPLOADS_PER_MINUTE or RATE_LIMIT_SENSITIVE_PER_MINUTE). */
export const RateLimit = (kind: RateLimitKind): MethodDecorator =>
  applyDecorators(SetMetadata(RATE_LIMIT_KIND, kind), UseGuards(RateLimitGuard));
