import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '../database/client';
import { type ScratchDatabase, createMigratedDatabase } from '../database/testing/scratch-database';
import { Prisma } from '../generated/prisma/client';
import { JournalRepository } from '../ledger/journal.repository';
import { BudgetVsActualRepository } from './budget-vs-actual.repository';

// Budget vs actual on a database of this file's own (created empty, migrated by `npm run migrate`). Every expected
// figure is computed here from the journal lines the test posted, independently of the repository's SQL.

let scratch: ScratchDatabase;
let db: Database;

const D = (value: Prisma.Decimal | string | number) => new Prisma.Decimal(value);
const text = (value: Prisma.Decimal) => value.toFixed(4);

interface Posted {
  budgetLineId: string;
  debit: Prisma.Decimal;
  credit: Prisma.Decimal;
  fiscalYear: number;
}

interface LineInfo {
  id: string;
  budgetId: string;
  code: string;
  categoryId: string;
  amount: string;
}

interface Fixture {
  organisationId: string;
  /** Category code -> id, and id -> parent id. */
  categories: Map<string, string>;
  parents: Map<string, string | null>;
  events: Record<string, { id: string; budgetId: string; fiscalYear: number }>;
  /** Lines of the current version of each budget, by event key and line code. */
  current: Record<string, Record<string, LineInfo>>;
  /** Every budget line, current or not. */
  allLines: Map<string, LineInfo>;
  posted: Posted[];
}

async function buildOrganisation(scale: string): Promise<Fixture> {
  const { id: organisationId } = await db.organisation.create({
    data: {
      slug: `o-${randomUUID().slice(0, 8)}`,
      legalName: 'Harvest Festivals',
      baseCurrency: 'ZAR',
      fiscalYearStartMonth: 3,
    },
  });
  const periods: Record<number, string> = {};
  for (const year of [2026, 2027]) {
    const { id } = await db.accountingPeriod.create({
      data: {
        organisationId,
        fiscalYear: year,
        startsOn: new Date(`${year}-03-01`),
        endsOn: new Date(year === 2026 ? '2027-02-28' : '2028-02-29'),
      },
    });
    periods[year] = id;
  }

  const categories = new Map<string, string>();
  const parents = new Map<string, string | null>();
  for (const [code, parent] of [
    ['PROD', null],
    ['PROD.SOUND', 'PROD'],
    ['PROD.STAGE', 'PROD'],
    ['MKT', null],
    ['MKT.DIGITAL', 'MKT'],
  ] as const) {
    const parentId = parent ? (categories.get(parent) ?? null) : null;
    const { id } = await db.budgetCategory.create({ data: { organisationId, code, name: code, parentId } });
    categories.set(code, id);
    parents.set(id, parentId);
  }

  const allLines = new Map<string, LineInfo>();
  const events: Fixture['events'] = {};
  const current: Fixture['current'] = {};

  async function version(
    budgetId: string,
    versionNo: number,
    status: string,
    lines: [string, string, string][],
  ): Promise<Record<string, LineInfo>> {
    const { id: versionId } = await db.budgetVersion.create({
      data: {
        organisationId,
        budgetId,
        versionNo,
        status,
        approvedAt: status === 'draft' ? null : new Date(),
      },
    });
    const byCode: Record<string, LineInfo> = {};
    for (const [code, category, amount] of lines) {
      const categoryId = categories.get(category) ?? '';
      const { id } = await db.budgetLine.create({
        data: {
          organisationId,
          budgetVersionId: versionId,
          categoryId,
          code,
          description: code,
          amount,
          currency: 'ZAR',
        },
      });
      const info = { id, budgetId, code, categoryId, amount };
      allLines.set(id, info);
      byCode[code] = info;
    }
    return byCode;
  }

  async function event(key: string, name: string, series: string, startsOn: string, fiscalYear: number) {
    const { id } = await db.event.create({
      data: {
        organisationId,
        name,
        seriesKey: series,
        startsOn: new Date(startsOn),
        endsOn: new Date(startsOn),
      },
    });
    const { id: budgetId } = await db.budget.create({
      data: { organisationId, eventId: id, name: 'Main', currency: 'ZAR', fiscalYear },
    });
    events[key] = { id, budgetId, fiscalYear };
    return budgetId;
  }

  const b1 = await event('e1', 'Harvest 2026', 'harvest', '2026-04-10', 2026);
  // Version 1 was superseded by version 2: its amounts are not the budget, but actuals on its lines still count.
  const e1v1 = await version(b1, 1, 'superseded', [['S1', 'PROD.SOUND', `40000.00${scale}`]]);
  current.e1 = await version(b1, 2, 'approved', [
    ['S1', 'PROD.SOUND', `50000.00${scale}`],
    ['ST1', 'PROD.STAGE', `80000.00${scale}`],
    ['M1', 'MKT', `10000.00${scale}`],
    ['D1', 'MKT.DIGITAL', `12000.50${scale}`],
  ]);
  const b2 = await event('e2', 'Harvest 2027', 'harvest', '2027-04-09', 2027);
  current.e2 = await version(b2, 1, 'approved', [
    ['S1', 'PROD.SOUND', `55000.00${scale}`],
    ['ST1', 'PROD.STAGE', `85000.00${scale}`],
    ['D1', 'MKT.DIGITAL', `15000.00${scale}`],
  ]);
  // A newer draft never replaces the approved version.
  await version(b2, 2, 'draft', [['S1', 'PROD.SOUND', '999999.00']]);
  const b3 = await event('e3', 'Jazz 2026', 'jazz', '2026-06-01', 2026);
  current.e3 = await version(b3, 1, 'approved', [['S1', 'PROD.SOUND', `7000.00${scale}`]]);

  const journal = new JournalRepository(db, organisationId);
  const posted: Posted[] = [];
  const fiscalYearOf = (date: string) => (date >= '2027-03-01' ? 2027 : 2026);

  /** A supplier invoice (expense + 15 % VAT = payable), or with credit a credit note reversing part of one. */
  async function post(eventKey: string, line: LineInfo, date: string, net: string, credit = false) {
    const amount = D(net);
    const vat = amount.mul('0.15').toDecimalPlaces(2);
    const gross = amount.add(vat).toFixed(2);
    const eventId = events[eventKey]?.id;
    const expense = { accountCode: '5000', currency: 'ZAR', eventId, budgetLineId: line.id };
    await journal.post({
      periodId: periods[fiscalYearOf(date)] ?? '',
      entryDate: new Date(date),
      description: credit ? 'credit note' : 'invoice',
      lines: credit
        ? [
            { ...expense, credit: amount.toFixed(2) },
            { accountCode: '1400', credit: vat.toFixed(2), currency: 'ZAR' },
            { accountCode: '2000', debit: gross, currency: 'ZAR' },
          ]
        : [
            { ...expense, debit: amount.toFixed(2) },
            { accountCode: '1400', debit: vat.toFixed(2), currency: 'ZAR' },
            { accountCode: '2000', credit: gross, currency: 'ZAR' },
          ],
    });
    posted.push({
      budgetLineId: line.id,
      debit: credit ? D(0) : amount,
      credit: credit ? amount : D(0),
      fiscalYear: fiscalYearOf(date),
    });
  }

  const e1 = current.e1;
  const e2 = current.e2;
  const e3 = current.e3;
  if (!e1v1.S1 || !e1.S1 || !e1.ST1 || !e1.M1 || !e1.D1 || !e2.S1 || !e2.D1 || !e3.S1) {
    throw new Error('fixture lines missing');
  }
  await post('e1', e1v1.S1, '2026-03-20', `12000.00`);
  await post('e1', e1.S1, '2026-04-02', `30500.55`);
  await post('e1', e1.ST1, '2026-04-05', `81234.10`);
  await post('e1', e1.ST1, '2026-05-01', `1234.10`, true);
  await post('e1', e1.D1, '2026-04-01', `4000.33`);
  await post('e1', e1.M1, '2027-02-28', `2500.00`);
  // Dated in the next fiscal year against the first event's line: must not count against its 2026 budget.
  await post('e1', e1.S1, '2027-03-15', `7777.77`);
  await post('e2', e2.S1, '2027-04-01', `20000.00`);
  await post('e2', e2.D1, '2027-05-01', `1000.01`);
  await post('e3', e3.S1, '2026-06-02', `6999.99`);

  return { organisationId, categories, parents, events, current, allLines, posted };
}

let mine: Fixture;
let theirs: Fixture;
let repo: BudgetVsActualRepository;

beforeAll(async () => {
  scratch = await createMigratedDatabase('budgeting');
  db = createDatabase(scratch.url, { maxConnections: 2 });
  mine = await buildOrganisation('');
  // Same shape, other amounts (budgets end in 1 in the 4th decimal), other organisation.
  theirs = await buildOrganisation('01');
  repo = new BudgetVsActualRepository(db, mine.organisationId);
});

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

/** Net debit posted in `fiscalYear` (or in any other year) on lines of the same budget and code as `line`. */
function expectedActual(f: Fixture, line: LineInfo, fiscalYear: number, otherYears = false): Prisma.Decimal {
  return f.posted
    .filter((p) => {
      const target = f.allLines.get(p.budgetLineId);
      const sameYear = p.fiscalYear === fiscalYear;
      return target?.budgetId === line.budgetId && target.code === line.code && sameYear !== otherYears;
    })
    .reduce((sum, p) => sum.add(p.debit).sub(p.credit), D(0));
}

function isUnder(f: Fixture, categoryId: string, ancestorId: string): boolean {
  for (let c: string | null | undefined = categoryId; c; c = f.parents.get(c)) {
    if (c === ancestorId) return true;
  }
  return false;
}

describe('BudgetVsActualRepository', () => {
  it('per line: current version budget vs the journal, in the budget fiscal year only', async () => {
    for (const key of ['e1', 'e2', 'e3']) {
      const event = mine.events[key];
      if (!event) throw new Error(key);
      const rows = await repo.linesForEvent(event.id);
      const expected = Object.values(mine.current[key] ?? {}).sort((a, b) => a.code.localeCompare(b.code));
      expect(rows.map((r) => r.budgetLineId)).toEqual(expected.map((l) => l.id));
      for (const [index, line] of expected.entries()) {
        const row = rows[index];
        const actual = expectedActual(mine, line, event.fiscalYear);
        expect(row).toMatchObject({
          eventId: event.id,
          budgetId: event.budgetId,
          fiscalYear: event.fiscalYear,
          code: line.code,
          currency: 'ZAR',
          budget: text(D(line.amount)),
          actual: text(actual),
          remaining: text(D(line.amount).sub(actual)),
          actualOtherYears: text(expectedActual(mine, line, event.fiscalYear, true)),
        });
        expect(typeof row?.actual).toBe('string');
      }
    }
    // Spelled out for the first event: S1 = 12000.00 (on version 1's line) + 30500.55; 7777.77 is 2027's.
    const e1 = await repo.linesForEvent(mine.events.e1?.id ?? '');
    expect(e1.map((r) => [r.code, r.budget, r.actual, r.actualOtherYears])).toEqual([
      ['D1', '12000.5000', '4000.3300', '0.0000'],
      ['M1', '10000.0000', '2500.0000', '0.0000'],
      ['S1', '50000.0000', '42500.5500', '7777.7700'],
      ['ST1', '80000.0000', '80000.0000', '0.0000'],
    ]);
  });

  it('per category: each roll-up equals the sum of the lines in it and below it', async () => {
    for (const key of ['e1', 'e2']) {
      const event = mine.events[key];
      if (!event) throw new Error(key);
      const lines = await repo.linesForEvent(event.id);
      const rows = await repo.categoriesForEvent(event.id);
      const holding = [...mine.categories.values()].filter((c) =>
        lines.some((l) => isUnder(mine, l.categoryId, c)),
      );
      expect(rows.map((r) => r.categoryId).sort()).toEqual(holding.sort());
      for (const row of rows) {
        const under = lines.filter((l) => isUnder(mine, l.categoryId, row.categoryId));
        expect(row.lineCount).toBe(under.length);
        expect(row.budget).toBe(text(under.reduce((s, l) => s.add(l.budget), D(0))));
        expect(row.actual).toBe(text(under.reduce((s, l) => s.add(l.actual), D(0))));
        // Independently of the line rows too: straight from the posted journal lines.
        const journal = under.reduce((s, l) => {
          const info = mine.allLines.get(l.budgetLineId);
          return info ? s.add(expectedActual(mine, info, event.fiscalYear)) : s;
        }, D(0));
        expect(row.actual).toBe(text(journal));
        expect(row.remaining).toBe(text(D(row.budget).sub(row.actual)));
      }
    }
    const e1 = await repo.categoriesForEvent(mine.events.e1?.id ?? '');
    expect(e1.map((r) => [r.categoryCode, r.budget, r.actual])).toEqual([
      ['MKT', '22000.5000', '6500.3300'],
      ['MKT.DIGITAL', '12000.5000', '4000.3300'],
      ['PROD', '130000.0000', '122500.5500'],
      ['PROD.SOUND', '50000.0000', '42500.5500'],
      ['PROD.STAGE', '80000.0000', '80000.0000'],
    ]);
  });

  it('per fiscal year: budgets of the year vs actuals posted in that year on them', async () => {
    const rows = await repo.fiscalYears();
    const expected = [2026, 2027].map((year) => {
      const keys = Object.keys(mine.events).filter((k) => mine.events[k]?.fiscalYear === year);
      const lines = keys.flatMap((k) => Object.values(mine.current[k] ?? {}));
      const budget = lines.reduce((s, l) => s.add(l.amount), D(0));
      const actual = lines.reduce((s, l) => s.add(expectedActual(mine, l, year)), D(0));
      return {
        fiscalYear: year,
        currency: 'ZAR',
        budget: text(budget),
        actual: text(actual),
        remaining: text(budget.sub(actual)),
        eventCount: keys.length,
      };
    });
    expect(rows).toEqual(expected);
    // 2027 holds the second event's actuals only, not the 7777.77 posted in 2027 on a 2026 budget line.
    expect(rows[1]?.actual).toBe('21000.0100');
  });

  it('year over year across the events of a series', async () => {
    const yoy = await repo.seriesYearOverYear('harvest');
    expect(yoy.events.map((e) => [e.eventName, e.fiscalYear, e.budget, e.actual, e.remaining])).toEqual([
      ['Harvest 2026', 2026, '152000.5000', '129000.8800', '22999.6200'],
      ['Harvest 2027', 2027, '155000.0000', '21000.0100', '133999.9900'],
    ]);
    for (const e of yoy.events) {
      const key = Object.keys(mine.events).find((k) => mine.events[k]?.id === e.eventId) ?? '';
      const lines = Object.values(mine.current[key] ?? {});
      expect(e.actual).toBe(text(lines.reduce((s, l) => s.add(expectedActual(mine, l, e.fiscalYear)), D(0))));
    }
    const sound = yoy.categories.filter((c) => c.categoryCode === 'PROD.SOUND');
    expect(sound.map((c) => [c.fiscalYear, c.budget, c.actual])).toEqual([
      [2026, '50000.0000', '42500.5500'],
      [2027, '55000.0000', '20000.0000'],
    ]);
    expect(new Set(yoy.categories.map((c) => c.eventId))).toEqual(
      new Set([mine.events.e1?.id, mine.events.e2?.id]),
    );
    expect((await repo.seriesYearOverYear('no-such-series')).events).toEqual([]);
  });

  it("never shows another organisation's data", async () => {
    const theirIds = new Set([
      theirs.organisationId,
      ...Object.values(theirs.events).flatMap((e) => [e.id, e.budgetId]),
      ...theirs.allLines.keys(),
      ...theirs.categories.values(),
    ]);
    const everything = JSON.stringify([
      await repo.fiscalYears(),
      await repo.seriesYearOverYear('harvest'),
      ...(await Promise.all(Object.values(mine.events).map((e) => repo.linesForEvent(e.id)))),
      ...(await Promise.all(Object.values(mine.events).map((e) => repo.categoriesForEvent(e.id)))),
    ]);
    for (const id of theirIds) expect(everything).not.toContain(id);
    // Their amounts end in 01 in the 4th decimal; none appears on our side.
    expect(everything).not.toMatch(/\.\d{2}01"/);
    // Their event asked for through our repository: nothing.
    const theirEvent = theirs.events.e1?.id ?? '';
    expect(await repo.linesForEvent(theirEvent)).toEqual([]);
    expect(await repo.categoriesForEvent(theirEvent)).toEqual([]);
    // And their own repository sees their figures, not ours.
    const theirRepo = new BudgetVsActualRepository(db, theirs.organisationId);
    const theirLines = await theirRepo.linesForEvent(theirEvent);
    expect(theirLines.map((l) => [l.code, l.budget, l.actual])).toEqual([
      ['D1', '12000.5001', '4000.3300'],
      ['M1', '10000.0001', '2500.0000'],
      ['S1', '50000.0001', '42500.5500'],
      ['ST1', '80000.0001', '80000.0000'],
    ]);
  });
});
