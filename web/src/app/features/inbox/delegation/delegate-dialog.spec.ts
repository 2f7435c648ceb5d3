import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { FakeKeycloak, provideTestAuth } from '../../../../testing/fake-keycloak';
import { nextGraphqlRequest } from '../../../../testing/http-testing';
import { DelegateDialog, type DelegateDialogData, type Delegated, matchesSearch } from './delegate-dialog';

const candidates = [
  {
    userId: 'u-director',
    displayName: 'Dineo Director',
    username: 'director@kalahari.demo',
    email: 'director@kalahari.demo',
    roles: ['approver'],
  },
  {
    userId: 'u-finance',
    displayName: 'Fatima Finance',
    username: 'finance@kalahari.demo',
    email: 'finance@kalahari.demo',
    roles: ['finance'],
  },
  {
    userId: 'u-events',
    displayName: 'Eben Events',
    username: 'events@kalahari.demo',
    email: 'events@kalahari.demo',
    roles: ['event_manager'],
  },
];

describe('DelegateDialog', () => {
  let backend: HttpTestingController;
  let closed: Promise<Delegated | undefined>;

  const dialog = () => document.querySelector('ev-delegate-dialog') as HTMLElement;
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const optionNames = () =>
    Array.from(dialog().querySelectorAll('mat-list-option [matListItemTitle]'), (title) =>
      title.textContent?.trim(),
    );

  async function open(): Promise<void> {
    const ref = TestBed.inject(MatDialog).open<DelegateDialog, DelegateDialogData, Delegated>(
      DelegateDialog,
      {
        data: { taskId: 't1', taskTitle: 'Soundwave Audio Hire invoice KSR-0042-B' },
      },
    );
    closed = firstValueFrom(ref.afterClosed());
    const request = await nextGraphqlRequest(backend, 'query DelegationCandidates');
    expect(request.request.body).toMatchObject({ variables: { taskId: 't1' } });
    request.flush({ data: { delegationCandidates: candidates } });
    await vi.waitFor(() => expect(optionNames()).toHaveLength(3));
  }

  async function search(text: string): Promise<void> {
    const input = dialog().querySelector<HTMLInputElement>('[data-testid="delegate-search"]')!;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    await settle();
    TestBed.tick();
  }

  async function choose(name: string): Promise<void> {
    Array.from(dialog().querySelectorAll<HTMLElement>('mat-list-option'))
      .find((option) => option.textContent?.includes(name))
      ?.click();
    await settle();
    TestBed.tick();
  }

  const confirm = () => dialog().querySelector<HTMLButtonElement>('[data-testid="delegate-confirm"]')!;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        ...provideTestAuth(new FakeKeycloak({ username: 'approver@kalahari.demo', roles: ['approver'] })),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  it('finds colleagues by any word of their name, e-mail or role', () => {
    expect(matchesSearch(candidates[2]!, 'event')).toBe(true);
    expect(matchesSearch(candidates[0]!, 'DINEO approver')).toBe(true);
    expect(matchesSearch(candidates[0]!, 'dineo finance')).toBe(false);
    expect(matchesSearch(candidates[1]!, '  ')).toBe(true);
  });

  it('filters the offered colleagues as one types and delegates to the one chosen, with the comment', async () => {
    await open();
    expect(confirm().disabled).toBe(true);
    await search('fin');
    expect(optionNames()).toEqual(['Fatima Finance']);
    await search('');
    await choose('Dineo Director');
    expect(confirm().textContent).toContain('Delegate to Dineo Director');
    const comment = dialog().querySelector<HTMLTextAreaElement>('[data-testid="delegate-comment"]')!;
    comment.value = 'At the venue all week';
    comment.dispatchEvent(new Event('input'));
    await settle();
    TestBed.tick();
    confirm().click();
    const request = await nextGraphqlRequest(backend, 'mutation DelegateTask');
    expect(request.request.body).toMatchObject({
      variables: { taskId: 't1', to: 'u-director', comment: 'At the venue all week' },
    });
    request.flush({ data: { delegateTask: { level: 1, approverId: 'u-me', assigneeId: 'u-director' } } });
    expect((await closed)?.to.userId).toBe('u-director');
  });

  it.each([
    ['CONFLICT', 'This task has moved on', 'This task is already closed: the level is already decided'],
    [
      'FORBIDDEN',
      'You may not delegate this task.',
      'You may not act on this task: user u holds no open task',
    ],
  ])('says plainly when the API refuses with %s, and stays open', async (code, headline, message) => {
    await open();
    await choose('Fatima Finance');
    confirm().click();
    (await nextGraphqlRequest(backend, 'mutation DelegateTask')).flush({
      data: null,
      errors: [{ message, extensions: { code } }],
    });
    await vi.waitFor(() =>
      expect(dialog().querySelector('[data-testid="delegate-problem"]')?.textContent).toContain(headline),
    );
    expect(dialog().querySelector('[data-testid="delegate-problem"]')?.textContent).toContain(message);
    expect(confirm().disabled).toBe(false);
  });

  it('offers the step-up sign-in when the API wants one', async () => {
    await open();
    await choose('Eben Events');
    confirm().click();
    (await nextGraphqlRequest(backend, 'mutation DelegateTask')).flush({
      data: null,
      errors: [
        {
          message: 'Approving this amount needs a fresh multi-factor sign-in',
          extensions: { code: 'STEP_UP_REQUIRED', details: { acrValues: '2', maxAgeSeconds: 900 } },
        },
      ],
    });
    await vi.waitFor(() =>
      expect(document.querySelector('ev-step-up-dialog')?.textContent).toContain(
        'fresh multi-factor sign-in',
      ),
    );
    expect(dialog().querySelector('[data-testid="delegate-problem"]')?.textContent).toContain(
      'needs a fresh sign-in with your one-time code',
    );
  });

  it('says when nobody can take the task', async () => {
    TestBed.inject(MatDialog).open(DelegateDialog, { data: { taskId: 't1', taskTitle: 'Invoice' } });
    (await nextGraphqlRequest(backend, 'query DelegationCandidates')).flush({
      data: { delegationCandidates: [] },
    });
    await vi.waitFor(() =>
      expect(dialog().querySelector('[data-testid="delegate-nobody"]')?.textContent).toContain(
        'Nobody else can take this task over.',
      ),
    );
  });
});
