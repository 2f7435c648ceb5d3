import { BudgetRepository } from '../../activities/src/budgeting/budget.repository';
import type { Database, DatabaseSession } from '../../activities/src/database/client';
import { inTransaction } from '../../activities/src/database/transaction';
import { DirectoryRepository } from '../../activities/src/directory/directory.repository';
import { OrganisationRepository } from '../../activities/src/directory/organisation.repository';
import { EventRepository } from '../../activities/src/events/event.repository';
import { InvoiceRepository } from '../../activities/src/invoices/invoice.repository';
import { AuditLogRepository } from '../../activities/src/ledger/audit-log.repository';
import { JournalRepository, type JournalLineInput } from '../../activities/src/ledger/journal.repository';
import type { BankDetailsCipher } from '../../activities/src/suppliers/bank-details-cipher';
import { SupplierRepository } from '../../activities/src/suppliers/supplier.repository';
import {
  type InvoiceVat,
  Money,
  calculateInvoiceVat,
  southAfricanVatRates,
  southAfricanVatSettings,
} from '../../domain/src';
import {
  type EventSeed,
  accounts,
  categories,
  demoBankDetails,
  expenseAccounts,
  fiscalYears,
  kalahariEvents,
  kalahariInvoices,
  kalahariTicketRevenue,
  lockedMonths,
  markerEvent,
  suppliers,
} from './demo-finance-data';

const ZAR = 'ZAR';
const DAY_MS = 86_400_000;

/** A calendar date as the UTC midnight Prisma writes to a `date` column. */
function day(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: unknown ${what}`);
  return value;
}

/** VAT at the South African standard rate over VAT-exclusive (or inclusive) amounts, rounded per line. */
function vatOf(amounts: readonly string[], pricing: 'exclusive' | 'inclusive'): InvoiceVat {
  return calculateInvoiceVat(
    {
      currency: ZAR,
      pricing,
      lines: amounts.map((amount) => ({
        amount: Money.of(amount, ZAR),
        rate: southAfricanVatRates.standard,
      })),
    },
    southAfricanVatSettings,
  );
}

/** The monthly periods of a fiscal year starting in March: [YYYY-MM, first day, last day]. */
function monthsOf(fiscalYear: number): [string, Date, Date][] {
  return Array.from({ length: 12 }, (_, index) => {
    const start = new Date(Date.UTC(fiscalYear, 2 + index, 1));
    const end = new Date(Date.UTC(fiscalYear, 3 + index, 0));
    return [start.toISOString().slice(0, 7), start, end];
  });
}

/**
 * Seeds the finance demo data (events, budgets, suppliers, periods, posted actuals, invoices awaiting approval, audit
 * rows) in one transaction, unless the marker event exists already. Returns the number of rows created (0 when
 * present). The organisations and their users must exist.
 */
export async function seedDemoFinance(
  db: Database,
  organisationIds: ReadonlyMap<string, string>,
  cipher: BankDetailsCipher,
): Promise<number> {
  const kalahariId = required(organisationIds.get('kalahari-live'), 'organisation kalahari-live');
  const karooId = required(organisationIds.get('karoo-festivals'), 'organisation karoo-festivals');
  const seeded = (session: DatabaseSession) =>
    new EventRepository(session, kalahariId).findInSeries(markerEvent.seriesKey, markerEvent.name);
  if (await seeded(db)) return 0;

  return inTransaction(
    db,
    async (tx) => {
      if (await seeded(tx)) return 0;
      // Every write goes through a repository, each on this one transaction.
      let rows = 0;

      // Kalahari Live Events -------------------------------------------------------------------------------------
      await new OrganisationRepository(tx).setVatSettings(kalahariId, {
        vatRegistered: true,
        vatNumber: '4710263958',
        vatRoundingMode: 'per_line',
        defaultVatRate: '15',
      });
      const users = await new DirectoryRepository(tx, kalahariId).userIdsByUsername();
      const actor = users[0];
      const approver = users[1] ?? actor;
      const journal = new JournalRepository(tx, kalahariId);
      const audit = new AuditLogRepository(tx, kalahariId);
      const budgets = new BudgetRepository(tx, kalahariId);
      const invoices = new InvoiceRepository(tx, kalahariId);

      const periodIds = new Map<string, string>();
      for (const fiscalYear of fiscalYears) {
        for (const [month, startsOn, endsOn] of monthsOf(fiscalYear)) {
          const { id } = await journal.openPeriod({ fiscalYear, startsOn, endsOn });
          periodIds.set(month, id);
          rows += 1;
        }
      }
      const periodOf = (iso: string) => required(periodIds.get(iso.slice(0, 7)), `period for ${iso}`);

      const categoryIds = new Map<string, string>();
      const rootOf = new Map<string, string>();
      for (const [code, name, parent] of categories) {
        const parentId = parent === null ? null : required(categoryIds.get(parent), `category ${parent}`);
        // Root categories name their expense account; postings on a sub-category's line use the nearest one.
        const { id } = await budgets.createCategory({
          code,
          name,
          parentId,
          expenseAccountCode: expenseAccounts[code] ?? null,
        });
        categoryIds.set(code, id);
        rootOf.set(code, parent === null ? code : required(rootOf.get(parent), `category ${parent}`));
        rows += 1;
      }

      const supplierRows = new Map<string, { id: string; name: string }>();
      const register = new SupplierRepository(tx, kalahariId, cipher);
      for (const [index, supplier] of suppliers.entries()) {
        const { key, vatNumber, ...data } = supplier;
        const created = await register.create({
          ...data,
          vatNumber: vatNumber ?? undefined,
          documentLocale: 'en-ZA',
        });
        await register.setBankDetails(
          created.id,
          demoBankDetails(supplier, index),
          new Date(Date.UTC(2024, 0, 15)),
        );
        supplierRows.set(key, created);
        rows += 1;
      }

      /** Per event: its id, and per budget line code the id of the line in the approved version and its account. */
      const events = new Map<string, { id: string; lines: Map<string, { id: string; account: string }> }>();
      for (const seed of kalahariEvents) {
        const created = await seedEvent(tx, kalahariId, seed, categoryIds, users, actor);
        rows += created.rows;
        const lines = new Map<string, { id: string; account: string }>();
        for (const [code, category] of seed.lines) {
          const root = required(rootOf.get(category), `category ${category}`);
          lines.set(code, {
            id: required(created.approvedLineIds.get(code), `line ${code}`),
            account: required(expenseAccounts[root], `account for ${root}`),
          });
        }
        events.set(seed.key, { id: created.eventId, lines });
        for (const version of created.approvedVersions) {
          await audit.append({
            actorId: actor,
            action: 'budget.version.approved',
            subjectType: 'budget_version',
            subjectId: version.id,
            payload: { event: seed.name, versionNo: version.versionNo, total: version.total, currency: ZAR },
          });
          rows += 1;
        }
      }

      for (const seed of kalahariInvoices) {
        const event = required(events.get(seed.event), `event ${seed.event}`);
        const supplier = required(supplierRows.get(seed.supplier), `supplier ${seed.supplier}`);
        const vat = vatOf(
          seed.lines.map(([, , net]) => net),
          'exclusive',
        );
        const invoiceDate = day(seed.invoiceDate);
        const lineOf = (code: string) => required(event.lines.get(code), `budget line ${code}`);
        const invoice = await invoices.record({
          supplierId: supplier.id,
          eventId: event.id,
          budgetLineId: lineOf(required(seed.lines[0], 'invoice line')[1]).id,
          status: seed.status,
          number: seed.number,
          normalisedNumber: seed.number.toUpperCase().replace(/[^A-Z0-9]/g, ''),
          invoiceDate,
          dueDate: addDays(invoiceDate, 30),
          receivedAt: new Date(addDays(invoiceDate, 1).getTime() + 9 * 3_600_000),
          currency: ZAR,
          netAmount: vat.net.toString(),
          vatAmount: vat.vat.toString(),
          grossAmount: vat.gross.toString(),
          lines: seed.lines.map(([description, code], index) => {
            const line = required(vat.lines[index], 'VAT line');
            return {
              description,
              quantity: '1',
              unitPrice: line.net.toString(),
              vatRate: southAfricanVatRates.standard.percent,
              vatCategory: 'standard',
              budgetLineId: lineOf(code).id,
              currency: ZAR,
              netAmount: line.net.toString(),
              vatAmount: line.vat.toString(),
              grossAmount: line.gross.toString(),
            };
          }),
        });
        rows += 1 + invoice.lineCount;

        if (seed.status === 'pending_approval') {
          await invoices.openApprovalTask({
            invoiceId: invoice.id,
            eventId: event.id,
            title: `Approve ${supplier.name} invoice ${seed.number}`,
            assigneeId: approver ?? null,
            dueAt: addDays(invoiceDate, 14),
            amount: vat.gross.toString(),
            currency: ZAR,
          });
          await audit.append({
            actorId: actor,
            action: 'invoice.submitted_for_approval',
            subjectType: 'invoice',
            subjectId: invoice.id,
            payload: {
              number: seed.number,
              supplier: supplier.name,
              gross: vat.gross.toString(),
              currency: ZAR,
            },
          });
          rows += 2;
          continue;
        }

        const expenseLines: JournalLineInput[] = seed.lines.map(([description, code], index) => ({
          accountCode: lineOf(code).account,
          debit: required(vat.lines[index], 'VAT line').net.toString(),
          currency: ZAR,
          description,
          eventId: event.id,
          budgetLineId: lineOf(code).id,
        }));
        await journal.post({
          periodId: periodOf(seed.invoiceDate),
          entryDate: invoiceDate,
          description: `${supplier.name} invoice ${seed.number}`,
          sourceType: 'invoice',
          sourceId: invoice.id,
          postedBy: actor,
          lines: [
            ...expenseLines,
            {
              accountCode: accounts.vatInput,
              debit: vat.vat.toString(),
              currency: ZAR,
              description: 'Input VAT 15 %',
            },
            {
              accountCode: accounts.payables,
              credit: vat.gross.toString(),
              currency: ZAR,
              description: supplier.name,
            },
          ],
        });
        rows += 1 + expenseLines.length + 2;

        if (seed.paidOn !== undefined) {
          const paid = await journal.post({
            periodId: periodOf(seed.paidOn),
            entryDate: day(seed.paidOn),
            description: `Payment ${supplier.name} ${seed.number}`,
            sourceType: 'payment',
            postedBy: actor,
            lines: [
              { accountCode: accounts.payables, debit: vat.gross.toString(), currency: ZAR },
              { accountCode: accounts.bank, credit: vat.gross.toString(), currency: ZAR },
            ],
          });
          await journal.recordPayment({
            kind: 'payment',
            supplierId: supplier.id,
            invoiceId: invoice.id,
            eventId: event.id,
            paidOn: day(seed.paidOn),
            reference: `EFT ${seed.number}`,
            amount: vat.gross.toString(),
            currency: ZAR,
            journalEntryId: paid.id,
          });
          rows += 1 + 2 + 1;
        }
      }

      for (const [eventKey, date, description, gross] of kalahariTicketRevenue) {
        const event = required(events.get(eventKey), `event ${eventKey}`);
        const vat = vatOf([gross], 'inclusive');
        await journal.post({
          periodId: periodOf(date),
          entryDate: day(date),
          description,
          sourceType: 'ticket_sales',
          postedBy: actor,
          lines: [
            { accountCode: accounts.bank, debit: vat.gross.toString(), currency: ZAR, eventId: event.id },
            {
              accountCode: accounts.ticketRevenue,
              credit: vat.net.toString(),
              currency: ZAR,
              eventId: event.id,
            },
            {
              accountCode: accounts.vatOutput,
              credit: vat.vat.toString(),
              currency: ZAR,
              description: 'Output VAT',
            },
          ],
        });
        rows += 4;
      }

      // Close the older year's early months once everything in them is posted.
      for (const month of lockedMonths) {
        await journal.lockPeriod(required(periodIds.get(month), `period ${month}`), actor);
      }
      await audit.append({
        actorId: actor,
        action: 'accounting_period.locked',
        subjectType: 'accounting_period',
        payload: { fiscalYear: 2025, months: [...lockedMonths] },
      });
      rows += 1;

      rows += await seedKarooFestivals(tx, karooId, cipher);
      return rows;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

async function seedEvent(
  tx: DatabaseSession,
  organisationId: string,
  seed: EventSeed,
  categoryIds: ReadonlyMap<string, string>,
  users: readonly string[],
  actor: string | undefined,
): Promise<{
  eventId: string;
  rows: number;
  approvedLineIds: Map<string, string>;
  approvedVersions: { id: string; versionNo: number; total: string }[];
}> {
  const startsOn = day(seed.startsOn);
  const events = new EventRepository(tx, organisationId);
  const budgets = new BudgetRepository(tx, organisationId);
  const { id: eventId } = await events.create({
    seriesKey: seed.seriesKey,
    name: seed.name,
    venue: seed.venue,
    startsOn,
    endsOn: day(seed.endsOn),
    status: seed.status,
  });
  let rows = 1;
  const roles = ['owner', 'budget_holder', 'approver', 'finance'] as const;
  rows += await events.addStakeholders(
    users
      .slice(0, roles.length)
      .map((userId, index) => ({ eventId, userId, role: required(roles[index], 'role') })),
  );
  const { id: budgetId } = await budgets.createBudget({
    eventId,
    name: 'Event budget',
    currency: ZAR,
    fiscalYear: seed.fiscalYear,
  });
  rows += 1;

  const versions = [
    {
      versionNo: 1,
      note: 'Original budget',
      status: seed.secondVersionApproved ? ('superseded' as const) : ('approved' as const),
      approvedAt: addDays(startsOn, -180),
      amounts: seed.lines.map(([, , , amount]) =>
        Money.of(amount, ZAR).multiply(seed.firstVersionFactor).round().toString(),
      ),
    },
    {
      versionNo: 2,
      note: 'Revised after quotes',
      status: seed.secondVersionApproved ? ('approved' as const) : ('draft' as const),
      approvedAt: seed.secondVersionApproved ? addDays(startsOn, -60) : null,
      amounts: seed.lines.map(([, , , amount]) => amount),
    },
  ];
  const approvedLineIds = new Map<string, string>();
  const approvedVersions: { id: string; versionNo: number; total: string }[] = [];
  for (const version of versions) {
    const approved = version.approvedAt !== null;
    const { id, lines } = await budgets.createVersion({
      budgetId,
      versionNo: version.versionNo,
      status: version.status,
      note: version.note,
      approvedBy: approved ? (actor ?? null) : null,
      approvedAt: version.approvedAt,
      lines: seed.lines.map(([code, category, description], index) => ({
        categoryId: required(categoryIds.get(category), `category ${category}`),
        code,
        description,
        amount: required(version.amounts[index], 'amount'),
        currency: ZAR,
      })),
    });
    rows += 1 + lines.length;
    if (approved) {
      const total = Money.sum(
        version.amounts.map((amount) => Money.of(amount, ZAR)),
        ZAR,
      ).toString();
      approvedVersions.push({ id, versionNo: version.versionNo, total });
    }
    if (version.status === 'approved') for (const line of lines) approvedLineIds.set(line.code, line.id);
  }
  return { eventId, rows, approvedLineIds, approvedVersions };
}

/** A few rows of the other demo organisation, so the tenancy boundary is visible in the product. */
async function seedKarooFestivals(
  tx: DatabaseSession,
  organisationId: string,
  cipher: BankDetailsCipher,
): Promise<number> {
  const actor = (await new DirectoryRepository(tx, organisationId).userIdsByUsername())[0];
  const journal = new JournalRepository(tx, organisationId);
  const budgets = new BudgetRepository(tx, organisationId);
  const { id: periodId } = await journal.openPeriod({
    fiscalYear: 2026,
    startsOn: day('2026-06-01'),
    endsOn: day('2026-06-30'),
  });
  const { id: production } = await budgets.createCategory({
    code: 'PROD',
    name: 'Production',
    parentId: null,
  });
  const { id: sound } = await budgets.createCategory({
    code: 'PROD-SND',
    name: 'Sound & light',
    parentId: production,
  });
  const { id: eventId } = await new EventRepository(tx, organisationId).create({
    seriesKey: 'cradock-arts',
    name: 'Cradock Karoo Arts Week 2026',
    venue: 'Cradock, Eastern Cape',
    startsOn: day('2026-06-25'),
    endsOn: day('2026-06-28'),
    status: 'closed',
  });
  const { id: budgetId } = await budgets.createBudget({
    eventId,
    name: 'Event budget',
    currency: ZAR,
    fiscalYear: 2026,
  });
  const { lines } = await budgets.createVersion({
    budgetId,
    versionNo: 1,
    status: 'approved',
    approvedBy: actor ?? null,
    approvedAt: day('2026-03-15'),
    lines: [
      ['SND-01', production, 'Town hall stage', '64000.00'],
      ['SND-02', sound, 'PA and lighting', '48500.00'],
      ['SND-03', sound, 'Street stage PA', '21000.00'],
    ].map(([code = '', categoryId = '', description = '', amount = '']) => ({
      categoryId,
      code,
      description,
      amount,
      currency: ZAR,
    })),
  });
  const { id: supplierId } = await new SupplierRepository(tx, organisationId, cipher).create({
    name: 'Camdeboo Sound & Light CC',
    vatNumber: '4590372816',
    registrationNumber: '2007/031245/23',
    email: 'accounts@camdeboosl.co.za',
    documentLocale: 'en-ZA',
  });
  const budgetLineId = required(lines.find((line) => line.code === 'SND-02')?.id, 'line SND-02');
  const vat = vatOf(['47250.00'], 'exclusive');
  const { id: invoiceId } = await new InvoiceRepository(tx, organisationId).record({
    supplierId,
    eventId,
    budgetLineId,
    status: 'posted',
    number: 'CSL-2026-044',
    normalisedNumber: 'CSL2026044',
    invoiceDate: day('2026-06-29'),
    dueDate: day('2026-07-29'),
    receivedAt: new Date('2026-06-30T09:00:00.000Z'),
    currency: ZAR,
    netAmount: vat.net.toString(),
    vatAmount: vat.vat.toString(),
    grossAmount: vat.gross.toString(),
    lines: [
      {
        description: 'PA and lighting, 4 days',
        quantity: '1',
        unitPrice: vat.net.toString(),
        vatRate: southAfricanVatRates.standard.percent,
        vatCategory: 'standard',
        budgetLineId,
        currency: ZAR,
        netAmount: vat.net.toString(),
        vatAmount: vat.vat.toString(),
        grossAmount: vat.gross.toString(),
      },
    ],
  });
  await journal.post({
    periodId,
    entryDate: day('2026-06-29'),
    description: 'Camdeboo Sound & Light CC invoice CSL-2026-044',
    sourceType: 'invoice',
    sourceId: invoiceId,
    postedBy: actor,
    lines: [
      { accountCode: '5100', debit: vat.net.toString(), currency: ZAR, eventId, budgetLineId },
      { accountCode: accounts.vatInput, debit: vat.vat.toString(), currency: ZAR },
      { accountCode: accounts.payables, credit: vat.gross.toString(), currency: ZAR },
    ],
  });
  await new AuditLogRepository(tx, organisationId).append({
    actorId: actor,
    action: 'invoice.posted',
    subjectType: 'invoice',
    subjectId: invoiceId,
    payload: { number: 'CSL-2026-044', gross: vat.gross.toString(), currency: ZAR },
  });
  // period, 2 categories, event, budget, version, lines, supplier, invoice + line, entry + 3 lines, audit row
  return 1 + 2 + 1 + 1 + 1 + lines.length + 1 + 2 + 4 + 1;
}
