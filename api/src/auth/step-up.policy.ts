import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, type ApiConfig, integerSetting } from '../config/api-config';
import { type Principal } from './principal';
import { hasFreshMfa, requireFreshMfa } from './step-up';

/** requireFreshMfa with the configured STEP_UP_MAX_AGE_MINUTES, for services that move money. */
@Injectable()
export class StepUpPolicy {
  readonly maxAgeMinutes: number;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.maxAgeMinutes = integerSetting(config, 'STEP_UP_MAX_AGE_MINUTES');
  }

  require(principal: Principal, now: Date = new Date()): void {
    requireFreshMfa(principal, this.maxAgeMinutes, now);
  }

  isSatisfied(principal: Principal, now: Date = new Date()): boolean {
    return hasFreshMfa(principal, this.maxAgeMinutes, now);
  }
}
