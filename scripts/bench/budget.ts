import path from 'node:path';
import { BudgetVsActualRepository } from '../../activities/src/budgeting/budget-vs-actual.repository';
import {
  generateBudgetActuals,
  planBudgetActuals,
} from '../../activities/src/budgeting/testing/generated-budget-actuals';
import { createDatabase } from '../../activities/src/database/client';
import { createMigratedDatabase } from '../../activities/src/database/testing/scratch-database';
import { JournalRepository } from '../../activities/src/ledger/journal.repository';
import { BenchApi } from './api-client';
import { startApiOn } from './bench-stack';
import { type Benchmark, ms } from './benchmark';
import { runContext } from './result';
import { type LatencySummary, summarise } from './stats';

/** The organisation the demo tokens speak for: the generated one takes its slug so a real token reaches it. */
const organisationSlug = 'kalahari-live';
const financeUser = 'finance@kalahari.demo';

/** What the web app's event page asks for (events.graphql.ts), amounts as plain Money fields. */
const eventPageQuery = `query ($eventId: ID!) { budgetVsActual(eventId: $eventId) {
  actualByMonth { fiscalYear month actual { amount currency } cumulativeActual { amount currency } }
  lines { budgetLineId code description categoryId budget { amount currency } actual { amount currency }
    remaining { amount currency } actualOtherYears { amount currency } }
  categories { categoryId categoryCode categoryName parentId budget { amount currency } actual { amount currency }
    remaining { amount currency } }
  yearOverYear { seriesKey events { eventId eventName fiscalYear startsOn budget { amount currency }
    actual { amount currency } } } } }`;

/** The event page plus the organisation's totals per fiscal year (the whole journal). */
const eventPageWithYearTotalsQuery = eventPageQuery.replace(
  'budgetVsActual(eventId: $eventId) {',
  'budgetVsActual(eventId: $eventId) { fiscalYears { fiscalYear budget { amount currency } actual { amount currency } }',
);

/** A finance view of a whole fiscal year, with the organisation's totals per year. */
const fiscalYearQuery = `query ($year: Int!) { budgetVsActual(fiscalYear: $year) {
  lines { eventId budgetLineId code budget { amount currency } actual { amount currency } remaining { amount currency } }
  categories { eventId categoryCode budget { amount currency } actual { amount currency } }
  fiscalYears { fiscalYear budget { amount currency } actual { amount currency } eventCount } } }`;

async function timeShape(
  runs: number,
  call: (i: number) => Promise<unknown>,
): Promise<LatencySummary & { totalMs: number }> {
  await call(runs); // warm-up, not counted
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const began = performance.now();
    await call(i);
    times.push(performance.now() - began);
  }
  return { ...summarise(times), totalMs: Math.round(times.reduce((a, b) => a + b, 0)) };
}

/**
 * Budget vs actual for an organisation of `--events` events and `--journal-lines` journal lines, generated into a
 * database of its own: every repository query shape, the GraphQL query as the web app's event page and as a fiscal
 * year report (through an API process of this checkout serving that database, with a real Keycloak token), and
 * posting one invoice entry into a journal that size.
 */
export const budgetBenchmark: Benchmark = {
  name: 'budget',
  needs: 'full',
  async run({ stack, options, log }) {
    const { events, journalLines, budgetQueries: runs } = options.sizes;
    const run = runContext(stack.label);
    process.env.DATABASE_URL = stack.env.DATABASE_URL;
    const plan = planBudgetActuals({ events, journalLines });
    const scratch = await createMigratedDatabase('bench_budget');
    const db = createDatabase(scratch.url, { maxConnections: 4 });
    let api: { url: string; stop: () => Promise<void> } | undefined;
    try {
      log(`  generating ${plan.events} events and ${plan.journalLines} journal lines…`);
      const began = performance.now();
      const generated = await generateBudgetActuals(db, organisationSlug, plan);
      const generateSeconds = Math.round((performance.now() - began) / 100) / 10;
      log(`  generated in ${generateSeconds} s`);
      const repo = new BudgetVsActualRepository(db, generated.organisationId);
      const eventId = (i: number) => generated.eventIds[(i * 397) % generated.eventIds.length]!;
      const series = (i: number) => generated.seriesKeys[(i * 97) % generated.seriesKeys.length]!;
      const year = (i: number) => plan.fiscalYears[i % plan.fiscalYears.length]!;

      log(`  timing the repository, ${runs} runs per query shape…`);
      const repository = {
        linesForEvent: await timeShape(runs, (i) => repo.linesForEvent(eventId(i))),
        categoriesForEvent: await timeShape(runs, (i) => repo.categoriesForEvent(eventId(i))),
        monthlyActualsForEvent: await timeShape(runs, (i) => repo.monthlyActualsForEvent(eventId(i))),
        seriesYearOverYear: await timeShape(runs, (i) => repo.seriesYearOverYear(series(i))),
        linesForFiscalYear: await timeShape(runs, (i) => repo.linesForFiscalYear(year(i))),
        categoriesForFiscalYear: await timeShape(runs, (i) => repo.categoriesForFiscalYear(year(i))),
        fiscalYears: await timeShape(runs, () => repo.fiscalYears()),
      };

      log('  starting an API on the generated database…');
      api = await startApiOn(stack, scratch.url, path.join(stack.profile.logDir, 'bench-budget-api.log'));
      const client = new BenchApi(stack.env).withApiUrl(api.url);
      log(`  timing budgetVsActual through GraphQL, ${runs} runs per query…`);
      const graphql = {
        eventPage: await timeShape(runs, (i) =>
          client.graphql(financeUser, eventPageQuery, { eventId: eventId(i) }),
        ),
        eventPageWithYearTotals: await timeShape(runs, (i) =>
          client.graphql(financeUser, eventPageWithYearTotalsQuery, { eventId: eventId(i) }),
        ),
        fiscalYear: await timeShape(runs, (i) =>
          client.graphql(financeUser, fiscalYearQuery, { year: year(i) }),
        ),
      };
      await api.stop();
      api = undefined;

      log(`  timing ${runs} postings of an invoice entry…`);
      const journal = new JournalRepository(db, generated.organisationId);
      const period = await db.accountingPeriod.findFirstOrThrow({
        where: { organisationId: generated.organisationId, lockedAt: null },
        orderBy: { startsOn: 'desc' },
      });
      const line = await db.budgetLine.findFirstOrThrow({
        where: { organisationId: generated.organisationId, currency: 'ZAR' },
        orderBy: { code: 'asc' },
      });
      const post = await timeShape(runs, (i) =>
        journal.post({
          periodId: period.id,
          entryDate: period.startsOn,
          description: `benchmark posting ${i}`,
          lines: [
            { accountCode: '5000', debit: '1000.00', currency: 'ZAR', budgetLineId: line.id },
            { accountCode: '1400', debit: '150.00', currency: 'ZAR' },
            { accountCode: '2000', credit: '1150.00', currency: 'ZAR' },
          ],
        }),
      );
      return {
        result: {
          benchmark: 'budget-vs-actual',
          run,
          sizes: {
            events: plan.events,
            journalLines: plan.journalLines,
            journalEntries: plan.entries,
            budgetLines: plan.budgetLines,
            fiscalYears: plan.fiscalYears.join(', '),
            runsPerShape: runs,
          },
          method: {
            generateSeconds:
              'Time to generate the organisation into a database of its own (set-based INSERT … SELECT, one transaction, the balanced-entry and entry-period triggers on, then VACUUM ANALYZE).',
            repository:
              'Wall time of each BudgetVsActualRepository method, one call at a time after one warm-up, events and series spread over the organisation.',
            graphql:
              'Wall time of POST /graphql budgetVsActual as finance@kalahari.demo (a real Keycloak token) against an API process of this checkout serving the generated database: eventPage asks what the web app’s event page asks, eventPageWithYearTotals adds the organisation’s totals per fiscal year, fiscalYear asks for a whole year with those totals.',
            journalPost:
              'Wall time of JournalRepository.post of a three-line invoice entry into the generated journal, commit and the deferred balance check included.',
          },
          figures: { generateSeconds, repository, graphql, journalPost: post },
        },
        summary: [
          {
            figure: 'budget vs actual, event page (GraphQL)',
            value: `p50 ${ms(graphql.eventPage.p50Ms)}`,
            detail: `p99 ${ms(graphql.eventPage.p99Ms)}`,
            sizes: `${plan.events} events, ${plan.journalLines} journal lines`,
          },
          {
            figure: 'budget vs actual, fiscal year (GraphQL)',
            value: `p50 ${ms(graphql.fiscalYear.p50Ms)}`,
            detail: `p99 ${ms(graphql.fiscalYear.p99Ms)}`,
            sizes: `${runs} runs each`,
          },
          {
            figure: 'posting an invoice entry',
            value: `p50 ${ms(post.p50Ms)}`,
            detail: `p99 ${ms(post.p99Ms)}`,
            sizes: `generated in ${generateSeconds} s`,
          },
        ],
      };
    } finally {
      await api?.stop();
      await db.$disconnect();
      await scratch.drop();
    }
  },
};
