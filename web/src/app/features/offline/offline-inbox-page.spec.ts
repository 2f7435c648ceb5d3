import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { FakeKeycloak, MemoryStorage, provideTestAuth } from '../../../testing/fake-keycloak';
import { AuthService } from '../../core/auth/auth.service';
import { OfflineInbox } from '../../core/offline/offline-inbox';
import { OfflineInboxPage } from './offline-inbox-page';

async function render(save: (offline: OfflineInbox) => void): Promise<HTMLElement> {
  const keycloak = new FakeKeycloak();
  keycloak.initResult = new Error('Timeout when waiting for 3rd party check iframe message.');
  TestBed.configureTestingModule({
    imports: [OfflineInboxPage],
    providers: [provideRouter([]), ...provideTestAuth(keycloak, new MemoryStorage(), new MemoryStorage())],
  });
  save(TestBed.inject(OfflineInbox));
  await TestBed.inject(AuthService).init();
  const fixture = TestBed.createComponent(OfflineInboxPage);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('OfflineInboxPage', () => {
  it('lists the saved tasks read-only, with why it is offline and when the copy was saved', async () => {
    const page = await render((offline) =>
      offline.save(
        { id: 'subject-anna', name: 'Anna Approver' },
        [
          {
            id: 'task-1',
            kind: 'invoice_approval',
            title: 'Soundwave invoice INV-7',
            createdAt: '2026-12-01T08:00:00Z',
            dueAt: '2026-12-08T08:00:00Z',
            supplierName: 'Soundwave',
            approvalLevel: 2,
            amount: { amount: '23498.12', currency: 'ZAR', minorUnits: 2 },
          },
        ],
        3,
      ),
    );

    const rows = page.querySelectorAll('[data-testid="offline-task"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('Soundwave invoice INV-7');
    expect(rows[0]?.textContent).toContain('Level 2');
    expect(rows[0]?.textContent?.replace(/\s/g, ' ')).toMatch(/R\s23\s498,12/);
    expect(page.textContent).toContain('Timeout when waiting');
    expect(page.textContent).toContain('Tasks of Anna Approver · 3 open');
    expect(page.textContent).toContain('2 more open tasks are not in this copy.');
    const buttons = [...page.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Try again']);
  });

  it('says plainly when this device has no copy', async () => {
    const page = await render(() => undefined);
    expect(page.textContent).toContain('This device has no saved inbox.');
    expect(page.querySelectorAll('[data-testid="offline-task"]')).toHaveLength(0);
  });
});
