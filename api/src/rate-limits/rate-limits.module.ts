import { Global, Module } from '@nestjs/common';
import { RateLimits } from './rate-limit.guard';

/** One set of rate-limit counters for the whole app (RateLimitGuard, wherever used, shares them). */
@Global()
@Module({ providers: [RateLimits], exports: [RateLimits] })
export class RateLimitsModule {}
