import { InjectionToken, Injectable, inject } from '@angular/core';

import type { MoneyValue } from '../../shared/money';

/** What the offline inbox shows of a task: read-only, nothing a decision could be made from. */
export interface OfflineTask {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly createdAt: string;
  readonly dueAt: string | null;
  readonly supplierName: string | null;
  readonly approvalLevel: number | null;
  readonly amount: MoneyValue | null;
}

/** A task as the inbox query returns it (optional fields may be absent). */
export type OfflineTaskSource = Pick<OfflineTask, 'id' | 'kind' | 'title' | 'createdAt'> & {
  readonly [Field in 'dueAt' | 'supplierName' | 'approvalLevel' | 'amount']?: OfflineTask[Field] | undefined;
};

export interface OfflineInboxSnapshot {
  readonly version: 1;
  /** The signed-in user the tasks belong to (the token's subject) and how to greet them. */
  readonly ownerId: string;
  readonly ownerName: string;
  readonly savedAt: string;
  readonly totalCount: number;
  readonly tasks: readonly OfflineTask[];
}

/** Where the snapshot lives; tests give an in-memory Storage. */
export type OfflineStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const OFFLINE_STORAGE = new InjectionToken<OfflineStorage | null>('OFFLINE_STORAGE', {
  providedIn: 'root',
  factory: () => {
    try {
      return globalThis.localStorage ?? null;
    } catch {
      // Storage can be switched off (private modes, policies): then there is simply no offline inbox.
      return null;
    }
  },
});

const storageKey = 'eventvault.offline-inbox';
/** Enough for a day on site; the snapshot stays small so writing it on every reload costs nothing. */
export const offlineTaskLimit = 100;

function isMoney(value: unknown): value is MoneyValue {
  if (typeof value !== 'object' || value === null) return false;
  const money = value as Record<string, unknown>;
  return (
    typeof money['amount'] === 'string' &&
    typeof money['currency'] === 'string' &&
    typeof money['minorUnits'] === 'number'
  );
}

function isTask(value: unknown): value is OfflineTask {
  if (typeof value !== 'object' || value === null) return false;
  const task = value as Record<string, unknown>;
  return (
    typeof task['id'] === 'string' &&
    typeof task['kind'] === 'string' &&
    typeof task['title'] === 'string' &&
    typeof task['createdAt'] === 'string' &&
    (task['amount'] === null || isMoney(task['amount']))
  );
}

/** Reads a stored snapshot, or null for anything missing, older or damaged (never throws at the user). */
export function parseSnapshot(text: string | null): OfflineInboxSnapshot | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const snapshot = value as Record<string, unknown>;
  if (
    snapshot['version'] !== 1 ||
    typeof snapshot['ownerId'] !== 'string' ||
    typeof snapshot['ownerName'] !== 'string' ||
    typeof snapshot['savedAt'] !== 'string' ||
    typeof snapshot['totalCount'] !== 'number' ||
    !Array.isArray(snapshot['tasks']) ||
    !snapshot['tasks'].every(isTask)
  ) {
    return null;
  }
  return value as OfflineInboxSnapshot;
}

/**
 * The last open inbox the signed-in user saw, kept on this device so the inbox can be read on site without a
 * connection. Saved only from the default view (open tasks, every kind, no search) and cleared on sign-out.
 */
@Injectable({ providedIn: 'root' })
export class OfflineInbox {
  private readonly storage = inject(OFFLINE_STORAGE);

  save(
    owner: { readonly id: string; readonly name: string },
    tasks: readonly OfflineTaskSource[],
    totalCount: number,
  ): void {
    const snapshot: OfflineInboxSnapshot = {
      version: 1,
      ownerId: owner.id,
      ownerName: owner.name,
      savedAt: new Date().toISOString(),
      totalCount,
      tasks: tasks.slice(0, offlineTaskLimit).map((task) => ({
        id: task.id,
        kind: task.kind,
        title: task.title,
        createdAt: task.createdAt,
        dueAt: task.dueAt ?? null,
        supplierName: task.supplierName ?? null,
        approvalLevel: task.approvalLevel ?? null,
        amount: task.amount
          ? { amount: task.amount.amount, currency: task.amount.currency, minorUnits: task.amount.minorUnits }
          : null,
      })),
    };
    try {
      this.storage?.setItem(storageKey, JSON.stringify(snapshot));
    } catch {
      // A full or refused storage only means no offline copy; the online inbox is unaffected.
    }
  }

  load(): OfflineInboxSnapshot | null {
    try {
      return parseSnapshot(this.storage?.getItem(storageKey) ?? null);
    } catch {
      return null;
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(storageKey);
    } catch {
      // Nothing stored, nothing to clear.
    }
  }
}
