import { Money } from '@eventvault/domain';
import { EventRepository } from '../../../activities/src/events/event.repository';
import { demoBankDetails, suppliers as supplierSeeds } from '../../../scripts/seed/demo-finance-data';
import { demoPasswordGrant } from '../../../scripts/testing/keycloak-tokens';
import { realm } from '../support';
import { gql, type SeededApi, startSeededApi } from './finance-api';

// Events, budgets, budget vs actual, suppliers, invoices and the journal through GraphQL, on the demo seed, with real
// Keycloak tokens of every role that matters, and finance@karoo.demo as the other organisation.

type Roles = 'finance' | 'auditor' | 'approver' | 'events' | 'supplier' | 'partner' | 'karoo';
let api: SeededApi;
const token: Record<Roles, string> = {} as Record<Roles, string>;
let kalahari: { id: string; ksf2025: string; ksf2026: string };
let karoo: { id: string; eventId: string; invoiceId: string; supplierId: string };

interface Money4 {
  amount: string;
  currency: string;
}

beforeAll(async () => {
  api = await startSeededApi('finance_api');
  const users: [Roles, string][] = [
    ['finance', 'finance@kalahari.demo'],
    ['auditor', 'auditor@kalahari.demo'],
    ['approver', 'approver@kalahari.demo'],
    ['events', 'events@kalahari.demo'],
    ['supplier', 'supplier@kalahari.demo'],
    ['partner', 'partner@kalahari.demo'],
    ['karoo', 'finance@karoo.demo'],
  ];
  for (const [role, username] of users)
    token[role] = (await demoPasswordGrant(realm(), username)).accessToken;
  const org = await api.db.organisation.findUniqueOrThrow({ where: { slug: 'kalahari-live' } });
  const event = (name: string) =>
    api.db.event.findFirstOrThrow({ where: { organisationId: org.id, name }, select: { id: true } });
  kalahari = {
    id: org.id,
    ksf2025: (await event('Karoo Sunset Festival 2025')).id,
    ksf2026: (await event('Karoo Sunset Festival 2026')).id,
  };
  const other = await api.db.organisation.findUniqueOrThrow({ where: { slug: 'karoo-festivals' } });
  karoo = {
    id: other.id,
    eventId: (await api.db.event.findFirstOrThrow({ where: { organisationId: other.id } })).id,
    invoiceId: (await api.db.invoice.findFirstOrThrow({ where: { organisationId: other.id } })).id,
    supplierId: (await api.db.supplier.findFirstOrThrow({ where: { organisationId: other.id } })).id,
  };
});

afterAll(async () => {
  await api?.close();
});

const sum = (amounts: readonly Money4[]) =>
  Money.sum(
    amounts.map((a) => Money.of(a.amount, a.currency)),
    'ZAR',
  ).toString();

describe('events', () => {
  const list = `query ($after: String) { events(first: 2, after: $after) {
    totalCount nextCursor items { id name startsOn status seriesKey } } }`;
  type EventsPage = {
    events: { totalCount: number; nextCursor: string | null; items: { id: string; name: string }[] };
  };

  it('pages through the organisation’s events by start date without repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const answer: Awaited<ReturnType<typeof gql<EventsPage>>> = await gql<EventsPage>(
        api.url,
        token.finance,
        list,
        {
          after,
        },
      );
      expect(answer.errors).toEqual([]);
      const page = answer.data!.events;
      total = page.totalCount;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      after = page.nextCursor;
    } while (after !== null);
    const expected = await api.db.event.count({ where: { organisationId: kalahari.id } });
    expect(total).toBe(expected);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect(seen).toContain(kalahari.ksf2025);
    expect(seen).not.toContain(karoo.eventId);
  });

  it('gives another organisation only its own events and no kalahari event by id', async () => {
    const page = await gql<EventsPage>(api.url, token.karoo, list);
    expect(page.data!.events.items.map((e) => e.id)).toEqual([karoo.eventId]);
    const byId = await gql(api.url, token.karoo, `query ($id: ID!) { event(id: $id) { id } }`, {
      id: kalahari.ksf2025,
    });
    expect(byId.code).toBe('NOT_FOUND');
  });

  it('refuses suppliers and partners', async () => {
    for (const role of ['supplier', 'partner'] as const) {
      expect((await gql(api.url, token[role], list)).code).toBe('FORBIDDEN');
    }
  });

  it('refuses a malformed cursor and id as validation errors', async () => {
    expect((await gql(api.url, token.finance, list, { after: 'not-a-cursor' })).code).toBe('VALIDATION');
    expect((await gql(api.url, token.finance, `{ event(id: "42") { id } }`)).code).toBe('VALIDATION');
  });

  it('creates events from a template, the second starting from the first one’s budget lines', async () => {
    const template = await new EventRepository(api.db, kalahari.id).ensureTemplate('Test festival', null);
    const create = `mutation ($input: CreateEventFromTemplateInput!) { createEventFromTemplate(input: $input) {
      id name status templateId startsOn } }`;
    const first = await gql<{ createEventFromTemplate: { id: string; status: string; templateId: string } }>(
      api.url,
      token.events,
      create,
      {
        input: {
          templateId: template.id,
          name: 'Template test 2027',
          startsOn: '2027-04-10',
          endsOn: '2027-04-11',
        },
      },
    );
    expect(first.errors).toEqual([]);
    expect(first.data!.createEventFromTemplate).toMatchObject({
      status: 'planning',
      templateId: template.id,
    });
    const budget = await gql<{
      budget: { fiscalYear: number; versions: { id: string; status: string; lines: unknown[] }[] };
    }>(
      api.url,
      token.events,
      `query ($id: ID!) { budget(eventId: $id) { fiscalYear versions { id status lines { code } } } }`,
      { id: first.data!.createEventFromTemplate.id },
    );
    expect(budget.data!.budget.fiscalYear).toBe(2027);
    const draft = budget.data!.budget.versions[0]!;
    expect(draft).toMatchObject({ status: 'draft', lines: [] });
    const category = await api.db.budgetCategory.findFirstOrThrow({
      where: { organisationId: kalahari.id, code: 'PROD-SND' },
    });
    const added = await gql(
      api.url,
      token.events,
      `mutation ($input: AddBudgetLineInput!) { addBudgetLine(input: $input) { code amount { amount } } }`,
      {
        input: {
          budgetVersionId: draft.id,
          code: 'SND-01',
          description: 'PA',
          categoryId: category.id,
          amount: '1000.50',
        },
      },
    );
    expect(added.errors).toEqual([]);

    const second = await gql<{ createEventFromTemplate: { id: string } }>(api.url, token.events, create, {
      input: {
        templateId: template.id,
        name: 'Template test 2028',
        startsOn: '2028-04-08',
        endsOn: '2028-04-09',
      },
    });
    const copied = await gql<{ budget: { versions: { lines: { code: string; amount: Money4 }[] }[] } }>(
      api.url,
      token.events,
      `query ($id: ID!) { budget(eventId: $id) { versions { lines { code amount { amount currency } } } } }`,
      { id: second.data!.createEventFromTemplate.id },
    );
    expect(copied.data!.budget.versions[0]!.lines).toEqual([
      { code: 'SND-01', amount: { amount: '1000.50', currency: 'ZAR' } },
    ]);

    const ends = await gql(api.url, token.events, create, {
      input: { templateId: template.id, name: 'Backwards', startsOn: '2028-04-09', endsOn: '2028-04-08' },
    });
    expect(ends.code).toBe('VALIDATION');
    const foreign = await gql(api.url, token.karoo, create, {
      input: { templateId: template.id, name: 'Not yours', startsOn: '2028-04-08', endsOn: '2028-04-09' },
    });
    expect(foreign.code).toBe('NOT_FOUND');
    expect(
      (
        await gql(api.url, token.auditor, create, {
          input: { templateId: template.id, name: 'x', startsOn: '2028-04-08', endsOn: '2028-04-09' },
        })
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('budgets', () => {
  const budgetQuery = `query ($id: ID!) { budget(eventId: $id) { id fiscalYear currency
    currentVersion { id versionNo status total { amount currency }
      lines { id code categoryId amount { amount currency } }
      categories { categoryId code parentId total { amount currency } lineCount } }
    versions { id versionNo status } } }`;
  interface BudgetAnswer {
    budget: {
      id: string;
      fiscalYear: number;
      currentVersion: {
        id: string;
        versionNo: number;
        status: string;
        total: Money4;
        lines: { id: string; code: string; categoryId: string; amount: Money4 }[];
        categories: {
          categoryId: string;
          code: string;
          parentId: string | null;
          total: Money4;
          lineCount: number;
        }[];
      };
      versions: { id: string; versionNo: number; status: string }[];
    };
  }

  it('rolls every line up its category tree, and the roots add up to the version total', async () => {
    const answer = await gql<BudgetAnswer>(api.url, token.finance, budgetQuery, { id: kalahari.ksf2025 });
    expect(answer.errors).toEqual([]);
    const version = answer.data!.budget.currentVersion;
    expect(version).toMatchObject({ versionNo: 2, status: 'approved' });
    const production = version.categories.find((c) => c.code === 'PROD')!;
    const children = version.categories.filter((c) => c.parentId === production.categoryId);
    expect(children.map((c) => c.code).sort()).toEqual(['PROD-AV', 'PROD-LGT', 'PROD-SND', 'PROD-STG']);
    expect(sum(children.map((c) => c.total))).toBe(production.total.amount);
    // Main stage 385000 + Dune tent 142500 (festivalLines2025).
    expect(version.categories.find((c) => c.code === 'PROD-STG')!.total).toEqual({
      amount: '527500.00',
      currency: 'ZAR',
    });
    const roots = version.categories.filter((c) => c.parentId === null);
    expect(sum(roots.map((c) => c.total))).toBe(version.total.amount);
    expect(sum(version.lines.map((l) => l.amount))).toBe(version.total.amount);
  });

  it('re-forecasts into one new draft, changes only drafts, and refuses amounts finer than cents', async () => {
    const before = (await gql<BudgetAnswer>(api.url, token.finance, budgetQuery, { id: kalahari.ksf2025 }))
      .data!.budget;
    const approvedLine = before.currentVersion.lines[0]!;
    const reforecast = `mutation ($id: ID!) { reforecastBudget(input: { budgetId: $id, note: "After the line-up" }) {
      versions { id versionNo status lines { id code amount { amount } } } } }`;
    const answer = await gql<{
      reforecastBudget: {
        versions: {
          id: string;
          versionNo: number;
          status: string;
          lines: { id: string; code: string; amount: { amount: string } }[];
        }[];
      };
    }>(api.url, token.finance, reforecast, { id: before.id });
    expect(answer.errors).toEqual([]);
    const [draft] = answer.data!.reforecastBudget.versions;
    expect(draft).toMatchObject({ versionNo: 3, status: 'draft' });
    expect(draft!.lines.map((l) => l.code)).toEqual(before.currentVersion.lines.map((l) => l.code));

    const again = await gql(api.url, token.finance, reforecast, { id: before.id });
    expect(again.code).toBe('VALIDATION');

    const update = `mutation ($input: UpdateDraftBudgetLineInput!) { updateDraftBudgetLine(input: $input) {
      id amount { amount currency } description } }`;
    const draftLine = draft!.lines[0]!;
    const changed = await gql<{ updateDraftBudgetLine: { amount: Money4 } }>(api.url, token.events, update, {
      input: { lineId: draftLine.id, amount: '400000', description: 'Main stage, bigger roof' },
    });
    expect(changed.errors).toEqual([]);
    expect(changed.data!.updateDraftBudgetLine.amount).toEqual({ amount: '400000.00', currency: 'ZAR' });

    const approved = await gql(api.url, token.finance, update, {
      input: { lineId: approvedLine.id, amount: '1.00' },
    });
    expect(approved.code).toBe('VALIDATION');
    expect(approved.errors[0]!.message).toMatch(/only a draft/);
    const fine = await gql(api.url, token.finance, update, {
      input: { lineId: draftLine.id, amount: '1.005' },
    });
    expect(fine.code).toBe('VALIDATION');
    const foreign = await gql(api.url, token.karoo, update, {
      input: { lineId: draftLine.id, amount: '1.00' },
    });
    expect(foreign.code).toBe('NOT_FOUND');
    expect(
      (await gql(api.url, token.approver, update, { input: { lineId: draftLine.id, amount: '1.00' } })).code,
    ).toBe('FORBIDDEN');
    // The approved version, which budget vs actual counts, is untouched.
    const after = (await gql<BudgetAnswer>(api.url, token.finance, budgetQuery, { id: kalahari.ksf2025 }))
      .data!.budget;
    expect(after.currentVersion.total).toEqual(before.currentVersion.total);
  });

  it('shows budget vs actual per line and category, and year over year across the series', async () => {
    const answer = await gql<{
      budgetVsActual: {
        lines: { code: string; budget: Money4; actual: Money4; remaining: Money4 }[];
        categories: { categoryCode: string; budget: Money4; actual: Money4 }[];
        fiscalYears: { fiscalYear: number }[];
        yearOverYear: { seriesKey: string; events: { eventId: string; fiscalYear: number }[] } | null;
        actualByMonth: { month: string; actual: Money4; cumulativeActual: Money4 }[];
      };
    }>(
      api.url,
      token.finance,
      `query ($id: ID!) { budgetVsActual(eventId: $id) {
        actualByMonth { month actual { amount currency } cumulativeActual { amount currency } }
        lines { code budget { amount currency } actual { amount currency } remaining { amount currency } }
        categories { categoryCode budget { amount currency } actual { amount currency } }
        fiscalYears { fiscalYear }
        yearOverYear { seriesKey events { eventId fiscalYear } } } }`,
      { id: kalahari.ksf2025 },
    );
    expect(answer.errors).toEqual([]);
    const figures = answer.data!.budgetVsActual;
    expect(figures.lines.length).toBeGreaterThan(10);
    for (const line of figures.lines) {
      expect(
        Money.of(line.budget.amount, 'ZAR').subtract(Money.of(line.actual.amount, 'ZAR')).toString(),
      ).toBe(line.remaining.amount);
    }
    expect(sum(figures.lines.map((l) => l.actual))).not.toBe('0.00');
    const roots = figures.categories.filter((c) => !c.categoryCode.includes('-'));
    expect(sum(roots.map((c) => c.actual))).toBe(sum(figures.lines.map((l) => l.actual)));
    // Over time: months in order, each running total the sum of the months so far, the last the total actual.
    const months = figures.actualByMonth;
    expect(months.length).toBeGreaterThan(0);
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort());
    months.forEach((month, index) =>
      expect(Money.of(month.cumulativeActual.amount, 'ZAR').toString()).toBe(
        sum(months.slice(0, index + 1).map((m) => m.actual)),
      ),
    );
    expect(Money.of(months.at(-1)!.cumulativeActual.amount, 'ZAR').toString()).toBe(
      sum(figures.lines.map((l) => l.actual)),
    );
    expect(figures.yearOverYear!.seriesKey).toBe('karoo-sunset');
    expect(figures.yearOverYear!.events.map((e) => e.eventId)).toEqual([kalahari.ksf2025, kalahari.ksf2026]);
    expect(figures.fiscalYears.map((y) => y.fiscalYear)).toEqual(expect.arrayContaining([2025, 2026]));
    // The organisation's totals are resolved only when asked for, and never for an approver.
    const approverView = await gql<{ budgetVsActual: { lines: unknown[]; fiscalYears: unknown[] } }>(
      api.url,
      token.approver,
      `query ($id: ID!) { budgetVsActual(eventId: $id) { lines { code } fiscalYears { fiscalYear } } }`,
      { id: kalahari.ksf2025 },
    );
    expect(approverView.errors).toEqual([]);
    expect(approverView.data!.budgetVsActual.lines.length).toBeGreaterThan(0);
    expect(approverView.data!.budgetVsActual.fiscalYears).toEqual([]);

    const year = await gql<{ budgetVsActual: { lines: { eventId: string }[] } }>(
      api.url,
      token.finance,
      `{ budgetVsActual(fiscalYear: 2025) { lines { eventId } } }`,
    );
    expect(new Set(year.data!.budgetVsActual.lines.map((l) => l.eventId))).toContain(kalahari.ksf2025);
    expect(
      (
        await gql<{ budgetVsActual: { actualByMonth: unknown[] } }>(
          api.url,
          token.finance,
          `{ budgetVsActual(fiscalYear: 2025) { actualByMonth { month } } }`,
        )
      ).data!.budgetVsActual.actualByMonth,
    ).toEqual([]);
    expect(year.data!.budgetVsActual.lines.map((l) => l.eventId)).not.toContain(kalahari.ksf2026);
    expect((await gql(api.url, token.finance, `{ budgetVsActual { lines { code } } }`)).code).toBe(
      'VALIDATION',
    );
    expect(
      (await gql(api.url, token.approver, `{ budgetVsActual(fiscalYear: 2025) { lines { code } } }`)).code,
    ).toBe('FORBIDDEN');
    const karooYear = await gql<{ budgetVsActual: { lines: { eventId: string }[] } }>(
      api.url,
      token.karoo,
      `{ budgetVsActual(fiscalYear: 2025) { lines { eventId } } }`,
    );
    expect(karooYear.data!.budgetVsActual.lines).toEqual([]);
    expect(
      (
        await gql(
          api.url,
          token.karoo,
          `query ($id: ID!) { budgetVsActual(eventId: $id) { lines { code } } }`,
          { id: kalahari.ksf2025 },
        )
      ).code,
    ).toBe('NOT_FOUND');
  });
});

describe('suppliers', () => {
  const list = `{ suppliers(first: 200) { totalCount items { id name vatNumber bankDetails { bankName accountEnding changedAt } } } }`;

  it('shows bank details only as the last four digits, never the account number', async () => {
    const answer = await gql<{
      suppliers: {
        totalCount: number;
        items: {
          id: string;
          name: string;
          bankDetails: { bankName: string; accountEnding: string } | null;
        }[];
      };
    }>(api.url, token.finance, list);
    expect(answer.errors).toEqual([]);
    expect(answer.data!.suppliers.totalCount).toBe(supplierSeeds.length);
    for (const [index, seed] of supplierSeeds.entries()) {
      const details = demoBankDetails(seed, index);
      const shown = answer.data!.suppliers.items.find((s) => s.name === seed.name)!;
      expect(shown.bankDetails).toEqual({
        bankName: details.bankName,
        accountEnding: details.accountNumber.slice(-4),
        changedAt: expect.any(String) as unknown,
      });
      expect(answer.raw).not.toContain(details.accountNumber);
    }
    const one = await gql<{ supplier: { name: string } }>(
      api.url,
      token.auditor,
      `query ($id: ID!) { supplier(id: $id) { name bankDetails { accountEnding } } }`,
      {
        id: answer.data!.suppliers.items[0]!.id,
      },
    );
    expect(one.errors).toEqual([]);
  });

  it('keeps the register to the organisation and away from suppliers', async () => {
    const karooList = await gql<{ suppliers: { items: { id: string }[] } }>(api.url, token.karoo, list);
    expect(karooList.data!.suppliers.items.map((s) => s.id)).toEqual([karoo.supplierId]);
    const kalahariSupplier = await api.db.supplier.findFirstOrThrow({
      where: { organisationId: kalahari.id },
    });
    expect(
      (
        await gql(api.url, token.karoo, `query ($id: ID!) { supplier(id: $id) { id } }`, {
          id: kalahariSupplier.id,
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect((await gql(api.url, token.supplier, list)).code).toBe('FORBIDDEN');
  });
});

describe('invoices', () => {
  const list = `query ($filter: InvoiceFilter, $after: String) { invoices(first: 5, filter: $filter, after: $after) {
    totalCount nextCursor items { id number status supplierId gross { amount currency } } } }`;

  it('lists the organisation’s invoices newest first, filtered and paged', async () => {
    const total = await api.db.invoice.count({ where: { organisationId: kalahari.id } });
    const first = await gql<{
      invoices: { totalCount: number; nextCursor: string | null; items: { id: string; status: string }[] };
    }>(api.url, token.finance, list);
    expect(first.errors).toEqual([]);
    expect(first.data!.invoices.totalCount).toBe(total);
    const second = await gql<{ invoices: { items: { id: string }[] } }>(api.url, token.finance, list, {
      after: first.data!.invoices.nextCursor,
    });
    const ids = [...first.data!.invoices.items, ...second.data!.invoices.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const pending = await gql<{ invoices: { totalCount: number; items: { status: string }[] } }>(
      api.url,
      token.finance,
      list,
      {
        filter: { status: 'pending_approval' },
      },
    );
    expect(pending.data!.invoices.totalCount).toBe(
      await api.db.invoice.count({ where: { organisationId: kalahari.id, status: 'pending_approval' } }),
    );
    expect(pending.data!.invoices.items.every((i) => i.status === 'pending_approval')).toBe(true);
    const karooList = await gql<{ invoices: { items: { id: string }[] } }>(api.url, token.karoo, list);
    expect(karooList.data!.invoices.items.map((i) => i.id)).toEqual([karoo.invoiceId]);
  });

  it('shows an invoice with lines that add up, its status history and documents', async () => {
    const posted = await api.db.invoice.findFirstOrThrow({
      where: { organisationId: kalahari.id, status: 'pending_approval' },
    });
    const answer = await gql<{
      invoice: {
        gross: Money4;
        lines: { gross: Money4 }[];
        statusHistory: { status: string }[];
        documents: unknown[];
      };
    }>(
      api.url,
      token.finance,
      `query ($id: ID!) { invoice(id: $id) { number gross { amount currency }
        lines { lineNo description gross { amount currency } vatRate }
        statusHistory { status at reason } documents { id versions { download { url expiresAt } } } } }`,
      { id: posted.id },
    );
    expect(answer.errors).toEqual([]);
    const invoice = answer.data!.invoice;
    expect(sum(invoice.lines.map((l) => l.gross))).toBe(invoice.gross.amount);
    expect(invoice.statusHistory.map((s) => s.status)).toEqual(['received', 'pending_approval']);
    expect(invoice.documents).toEqual([]);
    expect(
      (await gql(api.url, token.karoo, `query ($id: ID!) { invoice(id: $id) { id } }`, { id: posted.id }))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await gql(api.url, token.supplier, `query ($id: ID!) { invoice(id: $id) { id } }`, { id: posted.id }))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('links an invoice’s documents for a short while, and never an object outside the organisation', async () => {
    const invoice = await api.db.invoice.findFirstOrThrow({
      where: { organisationId: kalahari.id, status: 'paid' },
    });
    const document = await api.db.document.create({
      data: { organisationId: kalahari.id, kind: 'invoice', title: 'SW-25-1187.pdf', invoiceId: invoice.id },
    });
    const sha = 'a'.repeat(64);
    await api.db.documentVersion.create({
      data: {
        organisationId: kalahari.id,
        documentId: document.id,
        versionNo: 1,
        s3Key: `organisations/${kalahari.id}/documents/sha256/${sha}.pdf`,
        sha256: sha,
        contentType: 'application/pdf',
        sizeBytes: 1234,
        thumbnailKey: `organisations/${karoo.id}/thumbnails/${sha}.webp`,
      },
    });
    await api.db.documentVersion.create({
      data: {
        organisationId: kalahari.id,
        documentId: document.id,
        versionNo: 2,
        s3Key: `organisations/${karoo.id}/documents/sha256/${'b'.repeat(64)}.pdf`,
        sha256: 'b'.repeat(64),
        contentType: 'application/pdf',
        sizeBytes: 99,
      },
    });
    const answer = await gql<{
      invoice: {
        documents: {
          title: string;
          versions: {
            versionNo: number;
            sizeBytes: number;
            download: { url: string; expiresAt: string };
            thumbnail: unknown;
          }[];
        }[];
      };
    }>(
      api.url,
      token.finance,
      `query ($id: ID!) { invoice(id: $id) { documents { title versions { versionNo sizeBytes
        download { url expiresAt } thumbnail { url } } } } }`,
      { id: invoice.id },
    );
    expect(answer.errors).toEqual([]);
    const [shown] = answer.data!.invoice.documents;
    expect(shown!.title).toBe('SW-25-1187.pdf');
    expect(shown!.versions.map((v) => v.versionNo)).toEqual([1]);
    const [version] = shown!.versions;
    expect(version).toMatchObject({ sizeBytes: 1234, thumbnail: null });
    expect(version!.download.url).toContain(`organisations/${kalahari.id}/documents/sha256/${sha}.pdf`);
    expect(version!.download.url).toContain('X-Amz-Signature=');
    const lifetime = new Date(version!.download.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(3_600_000);
  });

  it('shows approvers the invoices they take part in, and no others', async () => {
    const approver = await api.db.appUser.findFirstOrThrow({
      where: { organisationId: kalahari.id, username: 'approver@kalahari.demo' },
    });
    // Take one line away from the approver: invoices on it (with no task of theirs) disappear from their view.
    const invoice = await api.db.invoice.findFirstOrThrow({
      where: { organisationId: kalahari.id, status: 'posted' },
    });
    await api.db.budgetLine.updateMany({
      where: { organisationId: kalahari.id, id: invoice.budgetLineId! },
      data: { ownerId: null },
    });
    await api.db.stakeholderAssignment.deleteMany({
      where: { organisationId: kalahari.id, userId: approver.id, eventId: invoice.eventId },
    });
    const hidden = await gql(api.url, token.approver, `query ($id: ID!) { invoice(id: $id) { id } }`, {
      id: invoice.id,
    });
    expect(hidden.code).toBe('NOT_FOUND');
    const seen = await gql(api.url, token.finance, `query ($id: ID!) { invoice(id: $id) { id } }`, {
      id: invoice.id,
    });
    expect(seen.errors).toEqual([]);
  });
});

describe('journal', () => {
  it('lists balanced entries by filter for finance and auditors, and for nobody else', async () => {
    const query = `{ journalEntries(first: 50, filter: { sourceType: "invoice", fiscalYear: 2025 }) { totalCount items {
      id entryDate sourceType fiscalYear periodLocked lines { accountCode debit { amount currency } credit { amount currency } } } } }`;
    const answer = await gql<{
      journalEntries: {
        totalCount: number;
        items: {
          id: string;
          sourceType: string;
          fiscalYear: number;
          lines: { debit: Money4; credit: Money4 }[];
        }[];
      };
    }>(api.url, token.auditor, query);
    expect(answer.errors).toEqual([]);
    const entries = answer.data!.journalEntries.items;
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry).toMatchObject({ sourceType: 'invoice', fiscalYear: 2025 });
      expect(sum(entry.lines.map((l) => l.debit))).toBe(sum(entry.lines.map((l) => l.credit)));
    }
    const one = await gql<{ journalEntry: { id: string } }>(
      api.url,
      token.finance,
      `query ($id: ID!) { journalEntry(id: $id) { id lines { lineNo } } }`,
      {
        id: entries[0]!.id,
      },
    );
    expect(one.data!.journalEntry.id).toBe(entries[0]!.id);
    for (const role of ['approver', 'events', 'supplier', 'partner'] as const) {
      expect((await gql(api.url, token[role], query)).code).toBe('FORBIDDEN');
    }
    expect(
      (
        await gql(api.url, token.karoo, `query ($id: ID!) { journalEntry(id: $id) { id } }`, {
          id: entries[0]!.id,
        })
      ).code,
    ).toBe('NOT_FOUND');
    const karooEntries = await gql<{ journalEntries: { items: { id: string }[] } }>(
      api.url,
      token.karoo,
      query,
    );
    expect(karooEntries.data!.journalEntries.items.map((e) => e.id)).not.toContain(entries[0]!.id);
  });
});
