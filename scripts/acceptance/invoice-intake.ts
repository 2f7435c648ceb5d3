/**
 * Acceptance of invoice intake against a running stack (dev by default, `--stack test`):
 *   npm run acceptance:intake -- [DIR] [--stack dev|test]
 * Uploads every invoice in DIR (default ../shared/fixtures/invoices) as supplier@kalahari.demo through the API's
 * REST upload (POST /invoices/uploads, a real Keycloak token), waits for each
 * to become a review or an approval task, prints the extracted fields against the fixture's JSON, completes reviews
 * as finance (supplier created or picked, event and budget line chosen, a missing FX rate entered, the fixture's
 * values as corrections; a duplicate is rejected), approves as the policy's approvers (acr 2, fresh auth time),
 * then checks that each invoice is one balanced journal entry and that budget vs actual moved by its amount.
 * Exit code 1 on any failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { BudgetVsActualRepository, createDatabase, postingAccounts } from '../../activities/src';
import { ApiUser } from '../testing/api-user';
import {
  cents,
  defaultFixtureDir,
  type FixtureFields,
  fixtureFields,
  indicativeRates,
  invoiceFiles,
  knownAnswers,
  reviewCorrections,
} from '../testing/invoice-fixtures';
import { ExactDecimal, Money, convertMoney, fxRate } from '../../domain/src';
import {
  approvalStateQuery,
  approveUpdate,
  completeInvoiceReviewUpdate,
  invoiceIntakeStateQuery,
  type InvoiceIntakeState,
  type InvoiceIntakeStatus,
} from '../../workflows/src';
import { loadProfile } from '../stack/profile';

function parseArgs(argv: string[]): { dir: string; stack: 'dev' | 'test' } {
  let stack: 'dev' | 'test' = 'dev';
  let dir = defaultFixtureDir;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--stack') {
      const value = argv[++i];
      if (value !== 'dev' && value !== 'test') throw new Error('--stack is dev or test');
      stack = value;
    } else dir = path.resolve(arg);
  }
  return { dir, stack };
}

async function main(): Promise<number> {
  const { dir, stack } = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(dir)) {
    console.log(`No invoice folder at ${dir}: nothing to accept.`);
    return 0;
  }
  const env = loadProfile(stack).appEnv;
  const db = createDatabase(env.DATABASE_URL, { maxConnections: 4 });
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  // Uploads as the supplier would through the portal: a Keycloak token, then the API's multipart REST route.
  const supplier = await ApiUser.signIn(
    { apiUrl: env.API_URL, keycloakUrl: env.KEYCLOAK_URL, realm: env.KEYCLOAK_REALM },
    'supplier@kalahari.demo',
  );
  const failures: string[] = [];
  try {
    const org = await db.organisation.findUniqueOrThrow({ where: { slug: 'kalahari-live' } });
    const user = (username: string) =>
      db.appUser.findUniqueOrThrow({
        where: { organisationId_username: { organisationId: org.id, username } },
      });
    const finance = await user('finance@kalahari.demo');
    const today = new Date(new Date().toISOString().slice(0, 10));
    const period = await db.accountingPeriod.findFirst({
      where: { organisationId: org.id, startsOn: { lte: today }, endsOn: { gte: today }, lockedAt: null },
    });
    if (!period)
      throw new Error('No open accounting period today in kalahari-live: is the demo seed loaded?');
    // A budget line counted in the fiscal year of today's period, so budget vs actual shows the posting.
    const [line] = await db.$queryRaw<{ id: string; event_id: string }[]>`
      SELECT l.id, b.event_id FROM budget_line l
      JOIN budget_version v ON v.id = l.budget_version_id
      JOIN budget b ON b.id = v.budget_id
      WHERE l.organisation_id = ${org.id}::uuid AND b.fiscal_year = ${period.fiscalYear} AND l.currency = 'ZAR'
      ORDER BY v.status = 'approved' DESC, l.code LIMIT 1`;
    if (!line) throw new Error(`No budget line for fiscal year ${period.fiscalYear}.`);
    const actual = async () =>
      (await new BudgetVsActualRepository(db, org.id).linesForEvent(line.event_id)).find(
        (l) => l.budgetLineId === line.id,
      )?.actual ?? '0';

    const files = invoiceFiles(dir);
    console.log(`${files.length} invoices in ${dir}; stack ${stack}; budget line ${line.id}`);
    const approvals: { file: string; handle: WorkflowHandle; fixture: FixtureFields }[] = [];

    const waitFor = async (handle: WorkflowHandle, statuses: InvoiceIntakeStatus[], seconds = 300) => {
      for (let i = 0; i < seconds * 2; i++) {
        const state = await handle.query(invoiceIntakeStateQuery).catch(() => null);
        if (state && statuses.includes(state.status)) return state;
        const { status } = await handle.describe();
        if (status.name !== 'RUNNING') return (await handle.result()) as InvoiceIntakeState;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(`${handle.workflowId} did not reach ${statuses.join('/')} in ${seconds} s`);
    };

    for (const file of files) {
      const fixture = fixtureFields(dir, file);
      const uploaded = await supplier.uploadInvoice(
        { bytes: fs.readFileSync(path.join(dir, file)), name: file },
        { eventId: line.event_id },
      );
      const started = { ...uploaded, handle: client.workflow.getHandle(uploaded.workflowId) };
      let state = await waitFor(started.handle, ['in-review', 'pending-approval', 'posted', 'rejected']);
      const x = state.extracted;
      // The reference scorer's rules: a supplier matches when one name contains the other, ignoring case.
      const same = (name: string, got: string | null | undefined, want: string) => {
        if (name !== 'supplier') return got === want;
        const [a, b] = [
          String(got ?? '')
            .toLowerCase()
            .trim(),
          want.toLowerCase().trim(),
        ];
        return a !== '' && (a.includes(b) || b.includes(a));
      };
      const row = (name: string, got: string | null | undefined, want: string | undefined) =>
        `  ${name.padEnd(8)} ${String(got ?? '—').padEnd(34)} ${want ?? '(not in fixture)'}${want !== undefined && !same(name, got, want) ? '  ✗' : ''}`;
      console.log(`\n${file}${started.duplicate ? ' (uploaded before)' : ''}: ${state.status}`);
      if (x) {
        console.log(
          [
            row('supplier', x.supplierName.value, fixture.issuer),
            row('number', x.invoiceNumber.value, fixture.invoice_number),
            row('date', x.issueDate.value, fixture.date),
            row('currency', x.currency.value, fixture.currency),
            row('net', x.net.value, cents(fixture.amount_untaxed)),
            row('vat', x.vat.value, cents(fixture.amount_tax)),
            row('gross', x.gross.value, cents(fixture.amount)),
          ].join('\n'),
        );
      }
      for (let round = 0; state.status === 'in-review' && round < 3; round++) {
        const reasons = state.review?.reasons ?? [];
        console.log(`  review: ${reasons.map((r) => `${r.code}: ${r.message}`).join(' | ')}`);
        const duplicate = reasons.find(
          (r) => r.code === 'duplicate-number' || r.code === 'duplicate-content',
        );
        const draft = state.assessment?.draft;
        const issuer = fixture.issuer ?? draft?.supplierName ?? file;
        const known = await db.supplier.findFirst({ where: { organisationId: org.id, name: issuer } });
        if (duplicate) {
          await started.handle.executeUpdate(completeInvoiceReviewUpdate, {
            args: [
              {
                userId: finance.id,
                roles: ['finance'],
                decision: 'reject',
                comment: `Duplicate: ${duplicate.message}`,
              },
            ],
          });
        } else {
          const corrections = reviewCorrections(knownAnswers(fixture), draft, {
            label: file,
            today: today.toISOString().slice(0, 10),
          });
          const { currency, issueDate } = corrections;
          await started.handle.executeUpdate(completeInvoiceReviewUpdate, {
            args: [
              {
                userId: finance.id,
                roles: ['finance'],
                decision: 'accept',
                corrections,
                ...(known ? { supplierId: known.id } : { newSupplier: { name: issuer } }),
                eventId: line.event_id,
                budgetLineId: line.id,
                ...(currency !== org.baseCurrency && indicativeRates[currency]
                  ? {
                      fxRate: {
                        rate: indicativeRates[currency],
                        date: issueDate,
                        source: 'acceptance (indicative)',
                      },
                    }
                  : {}),
              },
            ],
          });
        }
        state = await waitFor(started.handle, ['in-review', 'pending-approval', 'posted', 'rejected']);
      }
      console.log(`  → ${state.status}${state.rejection ? ` (${state.rejection})` : ''}`);
      if (state.status === 'pending-approval' || state.status === 'posted') {
        approvals.push({ file, handle: started.handle, fixture });
      } else if (state.status !== 'rejected') {
        failures.push(`${file}: stuck in ${state.status}`);
      }
    }

    let expectedDelta = new ExactDecimal(0);
    const before = await actual();
    for (const { file, handle, fixture } of approvals) {
      let state = await handle.query(invoiceIntakeStateQuery);
      const postedBefore = state.status === 'posted';
      if (state.status === 'pending-approval' && state.approval) {
        const approval = client.workflow.getHandle(state.approval.workflowId);
        // One decision at a time: an any-of level closes with its first approval, and the next level opens after it.
        for (let guard = 0; guard < 60; guard++) {
          const approvalState = await approval.query(approvalStateQuery).catch(() => null);
          if (approvalState && approvalState.status !== 'pending' && approvalState.status !== 'resolving')
            break;
          const approverId = approvalState?.pendingApprovers[0];
          if (!approverId) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            continue;
          }
          const approver = await db.appUser.findUniqueOrThrow({ where: { id: approverId } });
          await approval.executeUpdate(approveUpdate, {
            args: [
              {
                userId: approverId,
                roles: approver.roles,
                acr: '2',
                authTime: new Date().toISOString(),
                comment: 'acceptance',
              },
            ],
          });
          console.log(`${file}: level ${approvalState.currentLevel ?? '?'} approved by ${approver.username}`);
        }
        state = (await handle.result()) as InvoiceIntakeState;
      }
      if (state.status !== 'posted') {
        failures.push(`${file}: ended ${state.status}, not posted`);
        continue;
      }
      const entries = await db.journalEntry.findMany({
        where: { organisationId: org.id, sourceType: 'invoice', sourceId: state.invoiceId },
        include: { lines: true },
      });
      const invoice = await db.invoice.findUniqueOrThrow({ where: { id: state.invoiceId } });
      const sum = (pick: (l: (typeof entries)[number]['lines'][number]) => string) =>
        (entries[0]?.lines ?? []).reduce((t, l) => t.plus(pick(l)), new ExactDecimal(0));
      const balanced = sum((l) => l.debit.toFixed()).equals(sum((l) => l.credit.toFixed()));
      if (entries.length !== 1 || !balanced)
        failures.push(`${file}: ${entries.length} journal entries, balanced ${balanced}`);
      if (fixture.amount !== undefined && invoice.grossAmount.toFixed(2) !== cents(fixture.amount)) {
        failures.push(`${file}: gross ${invoice.grossAmount.toFixed(2)} ≠ fixture ${cents(fixture.amount)}`);
      }
      // What is owed is what the approvers were shown: the payable equals the amount in base currency they approved.
      const approved = state.assessment?.amountInBaseCurrency?.amount;
      const payable = sum((l) => (l.accountCode === postingAccounts.payables ? l.credit.toFixed() : '0'));
      if (approved !== undefined && payable.toFixed(2) !== new ExactDecimal(approved).toFixed(2)) {
        failures.push(`${file}: ${payable.toFixed(2)} payable, but its approvers approved ${approved}`);
      }
      // The invoice's own budget line: one reviewed before this run (e.g. by the demo) may be on another line.
      const onLine = sum((l) => (l.budgetLineId === invoice.budgetLineId ? l.debit.toFixed() : '0'));
      // The organisation claims domestic VAT, so a base-currency invoice puts its net on the line; a foreign one puts
      // what it owes there (foreign VAT is part of the cost), net and VAT converted together, not rounded apart.
      let expected = Money.of(invoice.netAmount.toFixed(2), invoice.currency);
      if (invoice.currency !== org.baseCurrency) {
        const rate = await db.fxRate.findFirstOrThrow({
          where: { organisationId: org.id, fromCurrency: invoice.currency, toCurrency: org.baseCurrency },
          orderBy: { rateDate: 'desc' },
        });
        const [y, m, d] = rate.rateDate.toISOString().slice(0, 10).split('-').map(Number);
        const fx = fxRate({
          from: invoice.currency,
          to: org.baseCurrency,
          rate: rate.rate.toFixed(),
          date: { year: y ?? 0, month: m ?? 0, day: d ?? 0 },
          source: rate.source,
        });
        const owed = invoice.netAmount.plus(invoice.vatAmount).toFixed();
        expected = convertMoney(Money.of(owed, invoice.currency), fx, 'half-up').converted;
      }
      if (onLine.toFixed(2) !== expected.amount.toFixed(2)) {
        failures.push(
          `${file}: ${onLine.toFixed(2)} on the budget line, expected ${expected.amount.toFixed(2)}`,
        );
      }
      if (!postedBefore && invoice.budgetLineId === line.id) expectedDelta = expectedDelta.plus(onLine);
      console.log(
        `${file}: posted, entry ${entries[0]?.id ?? '?'}${state.periodNote ? ` — ${state.periodNote}` : ''}`,
      );
    }
    const after = await actual();
    const moved = new ExactDecimal(after).minus(before);
    console.log(`\nBudget vs actual on ${line.id}: ${before} → ${after} (moved ${moved.toFixed(2)})`);
    if (!moved.equals(expectedDelta) && approvals.length > 0) {
      failures.push(
        `budget vs actual moved ${moved.toFixed(2)}, the postings put ${expectedDelta.toFixed(2)} on the line`,
      );
    }
    console.log(`\n${approvals.length} posted or approvable of ${files.length}; ${failures.length} failures`);
    for (const failure of failures) console.log(`  ✗ ${failure}`);
  } finally {
    await connection.close();
    await db.$disconnect();
  }
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
