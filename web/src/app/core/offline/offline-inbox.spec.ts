import { TestBed } from '@angular/core/testing';

import { MemoryStorage } from '../../../testing/fake-keycloak';
import { OFFLINE_STORAGE, OfflineInbox, offlineTaskLimit, parseSnapshot } from './offline-inbox';

const owner = { id: 'subject-anna', name: 'Anna Approver' };

function task(index: number) {
  return {
    id: `task-${index}`,
    kind: 'invoice_approval',
    title: `Soundwave invoice INV-${index}`,
    createdAt: '2026-12-01T08:00:00Z',
    dueAt: undefined,
    supplierName: 'Soundwave',
    approvalLevel: 1,
    amount: { amount: '123456789012345678.91', currency: 'ZAR', minorUnits: 2 },
  };
}

function inbox(storage = new MemoryStorage()): { offline: OfflineInbox; storage: MemoryStorage } {
  TestBed.configureTestingModule({ providers: [{ provide: OFFLINE_STORAGE, useValue: storage }] });
  return { offline: TestBed.inject(OfflineInbox), storage };
}

describe('OfflineInbox', () => {
  it('keeps the open tasks with their amounts exactly as the API sent them', () => {
    const { offline } = inbox();
    offline.save(owner, [task(1), task(2)], 2);

    const snapshot = offline.load();
    expect(snapshot?.ownerName).toBe('Anna Approver');
    expect(snapshot?.tasks.map((t) => t.id)).toEqual(['task-1', 'task-2']);
    expect(snapshot?.tasks[0]?.amount?.amount).toBe('123456789012345678.91');
    expect(snapshot?.tasks[0]?.dueAt).toBeNull();
  });

  it(`keeps at most ${offlineTaskLimit} tasks and remembers how many there were`, () => {
    const { offline } = inbox();
    const tasks = Array.from({ length: offlineTaskLimit + 20 }, (_, index) => task(index));
    offline.save(owner, tasks, 500);

    expect(offline.load()?.tasks).toHaveLength(offlineTaskLimit);
    expect(offline.load()?.totalCount).toBe(500);
  });

  it('forgets the copy on clear', () => {
    const { offline } = inbox();
    offline.save(owner, [task(1)], 1);
    offline.clear();
    expect(offline.load()).toBeNull();
  });

  it('treats a damaged or foreign copy as none', () => {
    expect(parseSnapshot('{not json')).toBeNull();
    expect(parseSnapshot(JSON.stringify({ version: 2, tasks: [] }))).toBeNull();
    expect(
      parseSnapshot(
        JSON.stringify({
          version: 1,
          ownerId: 'x',
          ownerName: 'X',
          savedAt: '2026-12-01T08:00:00Z',
          totalCount: 1,
          tasks: [{ id: 't', kind: 'k', title: 'T', createdAt: 'c', amount: { amount: 12.5 } }],
        }),
      ),
    ).toBeNull();
  });

  it('works without storage, and survives a storage that refuses writes', () => {
    TestBed.configureTestingModule({ providers: [{ provide: OFFLINE_STORAGE, useValue: null }] });
    const offline = TestBed.inject(OfflineInbox);
    offline.save(owner, [task(1)], 1);
    expect(offline.load()).toBeNull();

    TestBed.resetTestingModule();
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => inbox(full).offline.save(owner, [task(1)], 1)).not.toThrow();
  });
});
