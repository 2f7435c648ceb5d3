import { Money } from '../money';
import { isCurrencyCode } from '../currency';

/** Where a level's approvers come from, resolved against the organisation's directory when an approval starts. */
export type ApproverSource =
  /** The owner of the budget line the subject is booked against (`budget_line.owner_id`). */
  | { readonly kind: 'budget-line-owner' }
  /** The event's manager: its stakeholder assignment with role `owner`. */
  | { readonly kind: 'event-manager' }
  /** Every user of the organisation holding this role (`app_user.roles`), e.g. finance. */
  | { readonly kind: 'role'; readonly role: string }
  /** Named users (app_user ids), e.g. the director. */
  | { readonly kind: 'users'; readonly userIds: readonly string[] };

export type ApprovalLevelMode = 'any-of' | 'all-of';

export interface ApprovalLevelRule {
  readonly name: string;
  /** The level applies when the amount in base currency is at least this (decimal text); absent: always. */
  readonly minimumAmount?: string;
  /** The union of these sources approves at this level. */
  readonly approvers: readonly ApproverSource[];
  readonly mode: ApprovalLevelMode;
}

export interface ApprovalPolicy {
  readonly version: 1;
  /** The organisation's base currency: every amount below is in it. */
  readonly currency: string;
  readonly levels: readonly ApprovalLevelRule[];
  /** Who approves at a level whose own sources leave nobody eligible (never skip a level silently). */
  readonly fallback: ApproverSource;
  /** Who is added to a level that has waited `escalateAfterBusinessDays`. */
  readonly escalation: ApproverSource;
  readonly reminderAfterBusinessDays: number;
  readonly escalateAfterBusinessDays: number;
  /** IANA time zone the business days are counted in. */
  readonly timeZone: string;
  /** Above this amount (strictly) a decision needs a step-up login (acr >= 2) no older than `maxAuthAgeMinutes`. */
  readonly stepUp: { readonly thresholdAmount: string; readonly maxAuthAgeMinutes: number };
}

export class ApprovalPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApprovalPolicyError';
  }
}

/** The policy of an organisation that has not configured one: budget holder, then finance, then admins above R100k. */
export function defaultApprovalPolicy(currency: string): ApprovalPolicy {
  return {
    version: 1,
    currency,
    levels: [
      {
        name: 'Budget holder',
        approvers: [{ kind: 'budget-line-owner' }, { kind: 'event-manager' }],
        mode: 'any-of',
      },
      { name: 'Finance', approvers: [{ kind: 'role', role: 'finance' }], mode: 'any-of' },
      {
        name: 'Executive',
        minimumAmount: '100000',
        approvers: [{ kind: 'role', role: 'admin' }],
        mode: 'any-of',
      },
    ],
    fallback: { kind: 'role', role: 'finance' },
    escalation: { kind: 'role', role: 'admin' },
    reminderAfterBusinessDays: 2,
    escalateAfterBusinessDays: 4,
    timeZone: 'Africa/Johannesburg',
    stepUp: { thresholdAmount: '50000', maxAuthAgeMinutes: 15 },
  };
}

type Json = unknown;

/** Every key a policy document may hold, so fields read with dot access (the web app's strict settings). */
type PolicyKey =
  | 'version'
  | 'currency'
  | 'levels'
  | 'name'
  | 'mode'
  | 'approvers'
  | 'minimumAmount'
  | 'kind'
  | 'role'
  | 'userIds'
  | 'fallback'
  | 'escalation'
  | 'reminderAfterBusinessDays'
  | 'escalateAfterBusinessDays'
  | 'timeZone'
  | 'stepUp'
  | 'thresholdAmount'
  | 'maxAuthAgeMinutes';

function isObject(value: Json): value is Partial<Record<PolicyKey, Json>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseAmount(value: Json, currency: string, path: string): string {
  if (typeof value !== 'string')
    throw new ApprovalPolicyError(`${path} must be a decimal string such as "50000"`);
  try {
    const money = Money.of(value, currency);
    if (money.isNegative()) throw new ApprovalPolicyError(`${path} must not be negative`);
  } catch (error) {
    if (error instanceof ApprovalPolicyError) throw error;
    throw new ApprovalPolicyError(`${path}: ${(error as Error).message}`);
  }
  return value.trim();
}

function parseSource(value: Json, path: string): ApproverSource {
  if (!isObject(value)) throw new ApprovalPolicyError(`${path} must be an object with a "kind"`);
  switch (value.kind) {
    case 'budget-line-owner':
    case 'event-manager':
      return { kind: value.kind };
    case 'role':
      if (typeof value.role !== 'string' || value.role.trim() === '') {
        throw new ApprovalPolicyError(`${path}.role must name a role`);
      }
      return { kind: 'role', role: value.role };
    case 'users': {
      const ids = value.userIds;
      if (!Array.isArray(ids) || ids.length === 0) {
        throw new ApprovalPolicyError(`${path}.userIds must list at least one user id`);
      }
      ids.forEach((id, index) => {
        if (typeof id !== 'string' || !uuidPattern.test(id)) {
          throw new ApprovalPolicyError(`${path}.userIds[${index}] is not a user id`);
        }
      });
      return { kind: 'users', userIds: ids as string[] };
    }
    default:
      throw new ApprovalPolicyError(
        `${path}.kind must be one of budget-line-owner, event-manager, role, users (got ${JSON.stringify(value.kind)})`,
      );
  }
}

function parseWholeNumber(value: Json, path: string, minimum: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new ApprovalPolicyError(`${path} must be a whole number of at least ${minimum}`);
  }
  return value;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Validates a stored rule set (JSON) and returns it typed; any problem is an ApprovalPolicyError naming the path. */
export function parseApprovalPolicy(json: Json): ApprovalPolicy {
  if (!isObject(json)) throw new ApprovalPolicyError('the approval policy must be a JSON object');
  if (json.version !== 1) throw new ApprovalPolicyError('policy.version must be 1');
  const currency = json.currency;
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
    throw new ApprovalPolicyError('policy.currency must be an ISO 4217 currency code');
  }
  if (!Array.isArray(json.levels) || json.levels.length === 0) {
    throw new ApprovalPolicyError('policy.levels must list at least one level');
  }
  const levels = json.levels.map((level: Json, index): ApprovalLevelRule => {
    const path = `policy.levels[${index}]`;
    if (!isObject(level)) throw new ApprovalPolicyError(`${path} must be an object`);
    if (typeof level.name !== 'string' || level.name.trim() === '') {
      throw new ApprovalPolicyError(`${path}.name must be a non-empty string`);
    }
    if (level.mode !== 'any-of' && level.mode !== 'all-of') {
      throw new ApprovalPolicyError(`${path}.mode must be "any-of" or "all-of"`);
    }
    if (!Array.isArray(level.approvers) || level.approvers.length === 0) {
      throw new ApprovalPolicyError(`${path}.approvers must list at least one approver source`);
    }
    const approvers = level.approvers.map((source: Json, i) =>
      parseSource(source, `${path}.approvers[${i}]`),
    );
    return {
      name: level.name,
      mode: level.mode,
      approvers,
      ...(level.minimumAmount === undefined
        ? {}
        : { minimumAmount: parseAmount(level.minimumAmount, currency, `${path}.minimumAmount`) }),
    };
  });
  const reminderAfterBusinessDays = parseWholeNumber(
    json.reminderAfterBusinessDays,
    'policy.reminderAfterBusinessDays',
    1,
  );
  const escalateAfterBusinessDays = parseWholeNumber(
    json.escalateAfterBusinessDays,
    'policy.escalateAfterBusinessDays',
    1,
  );
  if (escalateAfterBusinessDays < reminderAfterBusinessDays) {
    throw new ApprovalPolicyError('policy.escalateAfterBusinessDays must not come before the reminder');
  }
  if (typeof json.timeZone !== 'string' || !isTimeZone(json.timeZone)) {
    throw new ApprovalPolicyError('policy.timeZone must be an IANA time zone such as Africa/Johannesburg');
  }
  const stepUp = json.stepUp;
  if (!isObject(stepUp)) throw new ApprovalPolicyError('policy.stepUp must be an object');
  return {
    version: 1,
    currency,
    levels,
    fallback: parseSource(json.fallback, 'policy.fallback'),
    escalation: parseSource(json.escalation, 'policy.escalation'),
    reminderAfterBusinessDays,
    escalateAfterBusinessDays,
    timeZone: json.timeZone,
    stepUp: {
      thresholdAmount: parseAmount(stepUp.thresholdAmount, currency, 'policy.stepUp.thresholdAmount'),
      maxAuthAgeMinutes: parseWholeNumber(stepUp.maxAuthAgeMinutes, 'policy.stepUp.maxAuthAgeMinutes', 1),
    },
  };
}
