import { ExactDecimal } from '../../domain/src';
import { ApiRefusal, type ApiLocation, ApiUser } from '../testing/api-user';
import { indicativeRates, reviewCorrections } from '../testing/invoice-fixtures';
import { budgetTable, eventFigures } from './budget-figures';
import {
  chooseEvent,
  completeReview,
  type DemoEvent,
  decideTask,
  demoUsers,
  type IntakeState,
  openTasks,
  postingOf,
  reviewTaskOf,
  type ReviewInput,
  settledIntake,
  submissionOf,
} from './demo-actors';
import { type DemoInvoice } from './demo-invoices';
import { StepLog } from './step-log';

export interface DemoOptions {
  /** Names the invoices in the summary, e.g. the folder. */
  readonly source: string;
  readonly invoices: (event: DemoEvent) => DemoInvoice[];
  /** The event to invoice by name; by default the portal event nearest to today. */
  readonly eventName?: string;
  /** The budget line finance books an invoice on when the invoice names none. */
  readonly defaultBudgetLine: string;
  /** YYYY-MM-DD; the demo's today. */
  readonly today: string;
  /** How long the approvals may take in all. */
  readonly approvalTimeoutMs?: number;
}

export interface DemoResult {
  readonly failures: readonly string[];
  readonly event: DemoEvent;
  /** Per invoice: how it ended (posted, rejected…) and whether it was submitted in an earlier run. */
  readonly outcomes: readonly {
    readonly label: string;
    readonly status: string;
    readonly earlier: boolean;
    readonly invoiceId: string | null;
  }[];
  /** The budget lines the invoices are on, and their actual before the run and now (exact decimals). */
  readonly budgetLines: readonly {
    readonly budgetLineId: string;
    readonly before: string;
    readonly now: string;
  }[];
}

interface Tracked {
  readonly invoice: DemoInvoice;
  workflowId: string;
  /** Submitted before this run: found again by its content. */
  earlier: boolean;
  state: IntakeState;
  /** Sent back by an approver in this run. */
  sentBack: boolean;
  /** Left alone after something the demo did not do (a failure says what). */
  abandoned: boolean;
  resubmitted: boolean;
  postingChecked: boolean;
}

const who = { intake: 'EventVault intake', posting: 'EventVault posting' } as const;
const finished = new Set(['posted', 'rejected']);
const inProgress = (t: Tracked) => !finished.has(t.state.status) && !t.abandoned;

function money(value: { amount: string; currency: string } | null | undefined): string {
  return value ? `${value.currency} ${value.amount}` : 'an amount not read';
}

/** What intake read, in one line. */
function readOutcome(state: IntakeState): string {
  const x = state.extracted;
  if (!x) return 'not read';
  const how = x.method === 'ocr' ? 'OCR' : x.method === 'mixed' ? 'text layer and OCR' : 'text layer';
  const amount = x.gross.value
    ? `${x.currency.value ?? '?'} ${x.gross.value} (net ${x.net.value ?? '?'} + VAT ${x.vat.value ?? '?'})`
    : 'no total';
  return `${how}, ${x.pageCount} page${x.pageCount === 1 ? '' : 's'}: no. ${x.invoiceNumber.value ?? '?'} · ${x.issueDate.value ?? 'no date'} · ${amount}`;
}

function checkOutcome(state: IntakeState): string {
  switch (state.status) {
    case 'in-review':
      return `to finance's review: ${(state.review?.reasons ?? []).map((r) => r.message).join(' ')}`;
    case 'pending-approval':
      return `passed: to approval, ${money(state.assessment?.amountInBaseCurrency)}`;
    case 'rejected':
      return `rejected: ${state.rejection ?? 'no reason given'}`;
    default:
      return state.status;
  }
}

/**
 * The demo: the supplier submits every invoice; intake reads, checks and routes each; finance completes reviews;
 * approvers approve from their inboxes (with step-up MFA where the policy asks), one invoice is sent back and comes
 * back corrected; then budget vs actual of the lines they are on, as the web app shows it. Everything through the
 * API as the demo users.
 */
export async function runDemo(
  location: ApiLocation,
  options: DemoOptions,
  write: (line: string) => void,
): Promise<DemoResult> {
  const log = new StepLog(write);
  const failures: string[] = [];
  const supplier = await ApiUser.signIn(location, demoUsers.supplier);
  const finance = await ApiUser.signIn(location, demoUsers.finance);
  const approvers = new Map<string, ApiUser>([[demoUsers.finance, finance]]);
  const approver = async (username: string) => {
    let user = approvers.get(username);
    if (user === undefined) {
      user = await ApiUser.signIn(location, username);
      approvers.set(username, user);
    }
    return user;
  };

  const event = await chooseEvent(supplier, finance, options.today, options.eventName);
  const lineByCode = new Map(event.lines.map((line) => [line.code, line]));
  const invoices = options.invoices(event);
  const before = await eventFigures(finance, event.id);
  const actualBefore = new Map(before.rows.map((row) => [row.budgetLineId, row.actual.amount]));
  log.text(
    `EventVault demo: ${invoices.length} invoices from ${options.source}, submitted by ${demoUsers.supplier} ` +
      `for ${event.name} (budget ${event.fiscalYear}, ${event.currency}).`,
  );
  log.text();

  const tracked: Tracked[] = [];
  const submittedLabels = new Set<string>();
  const decisions = { approvals: 0, steppedUp: 0 };

  /** Finance works the review task of an intake in review: a duplicate is rejected, anything else put right. */
  const review = async (t: Tracked): Promise<void> => {
    const started = log.now();
    const reasons = t.state.review?.reasons ?? [];
    const task = await reviewTaskOf(finance, t.state.documentId, event.id);
    const duplicate = reasons.find((r) => r.code === 'duplicate-number' || r.code === 'duplicate-content');
    const scanOf =
      t.invoice.scanOf !== null && submittedLabels.has(t.invoice.scanOf) ? t.invoice.scanOf : null;
    let input: ReviewInput;
    let outcome: string;
    if (duplicate || scanOf !== null) {
      const why = [
        duplicate?.message.replace(/\.$/, ''),
        scanOf === null ? null : `a scan of ${scanOf}, submitted already`,
      ].filter((part): part is string => Boolean(part));
      input = { decision: 'REJECT', comment: `Duplicate: ${why.join('; ')}` };
      outcome = `rejected as a duplicate: ${why.join('; ')}`;
    } else {
      const corrections = reviewCorrections(t.invoice.known, t.state.assessment?.draft, {
        label: t.invoice.label,
        today: options.today,
      });
      const code = t.invoice.budgetLineCode ?? options.defaultBudgetLine;
      const line = lineByCode.get(code);
      if (line === undefined) throw new Error(`${event.name} has no budget line ${code}`);
      const needsRate = reasons.some((r) => r.code === 'fx-rate-missing');
      const rate = indicativeRates[corrections.currency];
      if (needsRate && rate === undefined) throw new Error(`no indicative rate for ${corrections.currency}`);
      input = {
        decision: 'ACCEPT',
        corrections: { ...corrections },
        budgetLineId: line.id,
        ...(needsRate && rate !== undefined
          ? { fxRate: { rate, date: corrections.issueDate, source: 'EventVault demo (indicative rate)' } }
          : {}),
      };
      const draft = t.state.assessment?.draft;
      const changed = Object.entries(corrections)
        .filter(([field, value]) => draft?.[field as keyof typeof draft] !== value)
        .map(([field, value]) => `${field} ${value}`);
      outcome = [
        `accepted: booked on ${code}`,
        ...(input.fxRate
          ? [`${corrections.currency} rate ${input.fxRate.rate} for ${input.fxRate.date} entered`]
          : []),
        ...(changed.length > 0 ? [`confirmed ${changed.join(', ')}`] : []),
      ].join('; ');
    }
    const status = await completeReview(finance, task.id, input);
    log.step(
      {
        invoice: t.invoice.label,
        who: demoUsers.finance,
        what: 'review',
        outcome: `${outcome}; intake ${status}`,
      },
      started,
    );
  };

  /** Waits while intake reads and checks the document, finance reviewing it as often as it asks. */
  const route = async (t: Tracked, started: Date): Promise<void> => {
    t.state = await settledIntake(supplier, t.workflowId);
    const step = (what: string, outcome: string, since: Date) =>
      log.step({ invoice: t.invoice.label, who: who.intake, what, outcome }, since);
    if (t.state.extracted) step('read', readOutcome(t.state), started);
    let checked = log.now();
    for (let round = 0; t.state.status === 'in-review' && round < 4; round += 1) {
      step('check', checkOutcome(t.state), checked);
      await review(t);
      checked = log.now();
      t.state = await settledIntake(supplier, t.workflowId);
    }
    step('check', checkOutcome(t.state), checked);
  };

  // 1. The supplier submits each document; each is read, checked and routed before the next, so a second copy of an
  //    invoice meets the first one already recorded.
  for (const invoice of invoices) {
    const started = log.now();
    const receipt = await supplier.uploadInvoice(await invoice.load(), { eventId: event.id });
    const short = receipt.workflowId.slice(-12);
    if (!receipt.duplicate) {
      log.step(
        {
          invoice: invoice.label,
          who: demoUsers.supplier,
          what: 'submit',
          outcome: `accepted (202): ${receipt.document.contentType}, ${receipt.document.sizeBytes} bytes, intake …${short} started`,
        },
        started,
      );
    }
    const reading = log.now();
    const t: Tracked = {
      invoice,
      workflowId: receipt.workflowId,
      earlier: receipt.duplicate,
      state: await settledIntake(supplier, receipt.workflowId),
      sentBack: false,
      abandoned: false,
      resubmitted: false,
      postingChecked: false,
    };
    tracked.push(t);
    submittedLabels.add(invoice.label);
    if (receipt.duplicate) {
      const { state } = t;
      log.step(
        {
          invoice: invoice.label,
          who: demoUsers.supplier,
          what: 'submit',
          outcome: `already submitted in an earlier run (same bytes, intake …${short}): it is ${state.status}${state.rejection ? ` (${state.rejection})` : ''}`,
        },
        started,
      );
      if (state.status === 'in-review') await route(t, log.now());
    } else {
      await route(t, reading);
    }
  }

  // 2. Approvals from the inboxes, level by level; one invoice is sent back and comes back corrected.
  const alreadyCorrected = tracked.find((t) => t.state.documentVersion > 1);
  const sendBack = alreadyCorrected
    ? undefined
    : (tracked.find((t) => t.invoice.correction !== null && t.state.status === 'changes-requested') ??
      tracked.find(
        (t) => !t.earlier && t.invoice.correction !== null && t.state.status === 'pending-approval',
      ) ??
      tracked.find((t) => t.invoice.correction !== null && t.state.status === 'pending-approval'));
  if (sendBack?.state.status === 'changes-requested') sendBack.sentBack = true;
  log.text();
  if (alreadyCorrected) {
    log.text(
      `(${alreadyCorrected.invoice.label} was sent back and corrected in an earlier run: version ${alreadyCorrected.state.documentVersion} is the one on record.)`,
    );
  } else if (sendBack === undefined) {
    log.text('(No invoice waits for approval, so none is sent back in this run.)');
  }

  const resubmit = async (t: Tracked): Promise<void> => {
    const correction = t.invoice.correction;
    if (correction === null) throw new Error(`${t.invoice.label} has no corrected version`);
    const noticed = log.now();
    const submission = await submissionOf(supplier, t.workflowId);
    const seen = await supplier.uploadStatus<IntakeState>(t.workflowId);
    const comment =
      seen.state?.approvalOutcome?.result === 'changes-requested' ? seen.state.approvalOutcome.comment : null;
    log.step(
      {
        invoice: t.invoice.label,
        who: demoUsers.supplier,
        what: 'portal',
        outcome: `invoice ${submission?.number ?? '?'} is "${submission?.status ?? 'not listed'}" with changes requested: "${comment ?? '?'}"`,
      },
      noticed,
    );
    const started = log.now();
    const file = await correction.corrected();
    const receipt = await supplier.resubmitInvoice(t.workflowId, file);
    t.resubmitted = true;
    log.step(
      {
        invoice: t.invoice.label,
        who: demoUsers.supplier,
        what: 'send corrected',
        outcome: `accepted (202): ${file.name}, ${receipt.document.sizeBytes} bytes, sha256 ${receipt.document.sha256.slice(0, 12)}…; intake ${receipt.status}`,
      },
      started,
    );
    await route(t, log.now());
  };

  const checkPosting = async (t: Tracked): Promise<void> => {
    const started = log.now();
    const posting = await postingOf(finance, t.state.invoiceId);
    t.postingChecked = true;
    const lines = [...posting.onBudgetLines].map(
      ([id, amount]) =>
        `${event.lines.find((line) => line.id === id)?.code ?? id} ${event.currency} ${amount}`,
    );
    log.step(
      {
        invoice: t.invoice.label,
        who: who.posting,
        what: 'post',
        outcome:
          `${posting.entries} journal entr${posting.entries === 1 ? 'y' : 'ies'}, ${posting.balanced ? 'balanced' : 'NOT balanced'}: ` +
          `${lines.join(', ') || 'nothing on a budget line'}${t.state.periodNote ? ` (${t.state.periodNote})` : ''}`,
      },
      started,
    );
    if (posting.entries !== 1 || !posting.balanced) {
      failures.push(`${t.invoice.label}: ${posting.entries} journal entries, balanced ${posting.balanced}`);
    }
  };

  const deadline = Date.now() + (options.approvalTimeoutMs ?? 600_000);
  while (tracked.some(inProgress)) {
    if (Date.now() > deadline) {
      failures.push(
        `approvals did not finish in ${(options.approvalTimeoutMs ?? 600_000) / 1000} s: ` +
          tracked
            .filter(inProgress)
            .map((t) => `${t.invoice.label} ${t.state.status}`)
            .join(', '),
      );
      break;
    }
    let acted = false;
    for (const username of demoUsers.approvers) {
      const user = await approver(username);
      for (const task of await openTasks(user, ['invoice_approval'], event.id)) {
        const t = tracked.find((candidate) => candidate.state.invoiceId === task.subjectId);
        if (t === undefined || t.state.status !== 'pending-approval') continue;
        const started = log.now();
        const sendingBack = t === sendBack && !t.sentBack;
        const comment = sendingBack ? (t.invoice.correction?.comment ?? null) : null;
        const decided = await decideTask(
          user,
          sendingBack ? 'requestTaskChanges' : 'approveTask',
          task.id,
          comment,
        ).catch((error: unknown) => {
          // Another approver of the same level decided first: the task closed under us.
          if (error instanceof ApiRefusal && error.code === 'CONFLICT') return null;
          throw error;
        });
        if (decided === null) continue;
        acted = true;
        if (sendingBack) t.sentBack = true;
        else decisions.approvals += 1;
        if (decided.steppedUp) decisions.steppedUp += 1;
        const mfa = decided.steppedUp ? ' after step-up MFA (password + one-time code, acr 2)' : '';
        log.step(
          {
            invoice: t.invoice.label,
            who: username,
            what: `${sendingBack ? 'request changes' : 'approve'} (level ${decided.level})`,
            outcome: sendingBack ? `sent back${mfa}: "${comment ?? ''}"` : `approved${mfa}`,
          },
          started,
        );
      }
    }
    for (const t of tracked.filter(inProgress)) {
      const { state } = await supplier.uploadStatus<IntakeState>(t.workflowId);
      if (state === null) continue;
      t.state = state;
      if (state.status === 'changes-requested' && t.sentBack && !t.resubmitted) {
        await resubmit(t);
        acted = true;
      } else if (state.status === 'changes-requested' && !t.sentBack) {
        failures.push(`${t.invoice.label}: someone other than the demo asked for changes`);
        t.abandoned = true;
      } else if (state.status === 'in-review') {
        await route(t, log.now());
        acted = true;
      }
    }
    if (!acted) await new Promise((resolve) => setTimeout(resolve, 1_000));
  }

  // 3. Posted once each; duplicates rejected; nothing else.
  for (const t of tracked) {
    if (t.state.status === 'posted') {
      if (!t.postingChecked) await checkPosting(t);
    } else if (t.state.status === 'rejected' && !t.abandoned) {
      const duplicate = t.invoice.scanOf !== null || /duplicate/i.test(t.state.rejection ?? '');
      if (!duplicate) failures.push(`${t.invoice.label}: rejected (${t.state.rejection ?? 'no reason'})`);
    }
  }

  // 4. Budget vs actual of the lines the invoices are on, as the web app shows it.
  const budgetLineIds = [
    ...new Set(
      tracked
        .filter((t) => t.state.status === 'posted')
        .map((t) => t.state.assessment?.budgetLineId)
        .filter((id): id is string => event.lines.some((line) => line.id === id)),
    ),
  ];
  const after = await eventFigures(finance, event.id);
  const moved = new Map<string, ExactDecimal>();
  for (const t of tracked.filter((candidate) => candidate.postingChecked && !candidate.earlier)) {
    for (const [id, amount] of (await postingOf(finance, t.state.invoiceId)).onBudgetLines) {
      moved.set(id, (moved.get(id) ?? new ExactDecimal(0)).plus(amount));
    }
  }
  const budgetLines = budgetLineIds.map((budgetLineId) => {
    const now = after.rows.find((row) => row.budgetLineId === budgetLineId)?.actual.amount ?? '0';
    const was = actualBefore.get(budgetLineId) ?? '0';
    const expected = moved.get(budgetLineId) ?? new ExactDecimal(0);
    if (!new ExactDecimal(now).minus(was).equals(expected)) {
      failures.push(
        `budget line ${budgetLineId}: actual moved ${new ExactDecimal(now).minus(was).toFixed(2)}, ` +
          `this run posted ${expected.toFixed(2)} on it`,
      );
    }
    return { budgetLineId, before: was, now };
  });
  log.text();
  if (budgetLineIds.length === 0) {
    log.text(
      `None of these invoices is posted on a budget line of ${event.name} (they were booked before this run).`,
    );
  } else {
    log.text(
      `Budget vs actual of ${event.name} (budget ${event.fiscalYear}), the lines these invoices are on:`,
    );
    for (const line of budgetTable(after, budgetLineIds, actualBefore)) log.text(`  ${line}`);
  }

  const outcomes = tracked.map((t) => ({
    label: t.invoice.label,
    status: t.state.status,
    earlier: t.earlier,
    invoiceId: t.state.invoiceRecorded ? t.state.invoiceId : null,
  }));
  summarise(log, { tracked, failures, decisions, source: options.source });
  return { failures, event, outcomes, budgetLines };
}

function summarise(
  log: StepLog,
  run: {
    tracked: Tracked[];
    failures: string[];
    decisions: { approvals: number; steppedUp: number };
    source: string;
  },
): void {
  const { tracked, failures } = run;
  const count = (predicate: (t: Tracked) => boolean) => tracked.filter(predicate).length;
  const posted = tracked.filter((t) => t.state.status === 'posted');
  const duplicates = tracked.filter(
    (t) =>
      t.state.status === 'rejected' &&
      (t.invoice.scanOf !== null || /duplicate/i.test(t.state.rejection ?? '')),
  );
  const corrected = tracked.filter((t) => t.state.documentVersion > 1);
  log.text();
  log.text(`Summary (${run.source}):`);
  log.text(
    `  ${tracked.length} documents submitted by ${demoUsers.supplier}: ${count((t) => !t.earlier)} new, ` +
      `${count((t) => t.earlier)} found from an earlier run (the same bytes find the same intake)`,
  );
  log.text(
    `  ${run.decisions.approvals} approvals from the inboxes in this run; ${run.decisions.steppedUp} step-up MFA ` +
      `sign-in${run.decisions.steppedUp === 1 ? '' : 's'} where the API asked for one (amounts above the policy's threshold)`,
  );
  log.text(`  ${posted.length} posted, each exactly once (one balanced journal entry)`);
  for (const t of duplicates) {
    log.text(
      `  duplicate: ${t.invoice.label}${t.invoice.scanOf ? ` is a scan of ${t.invoice.scanOf}` : ''}; rejected in review: ${t.state.rejection ?? ''}`,
    );
  }
  for (const t of corrected) {
    const outcome = t.state.approvalOutcome;
    log.text(
      `  sent back: ${t.invoice.label}; changes requested, corrected version ${t.state.documentVersion} read again, ` +
        `${t.state.status}${outcome?.result === 'approved' ? ` after ${outcome.decisions.length} approval${outcome.decisions.length === 1 ? '' : 's'}` : ''}`,
    );
  }
  log.text(`  ${failures.length} failure${failures.length === 1 ? '' : 's'}`);
  for (const failure of failures) log.text(`  ✗ ${failure}`);
}
