/**
 * The EventVault demo against a running stack (`npm start`; `--stack test` for the test stack):
 *   npm run demo -- [DIR] [--stack dev|test] [--event NAME] [--budget-line CODE]
 *   npm run demo -- --generated [--batch NAME] [--stack dev|test]
 * supplier@kalahari.demo submits every invoice in DIR (default ../shared/fixtures/invoices; the project's own
 * generated invoices with --generated, or when the default folder does not exist) through the API; each is read,
 * checked and routed, finance completes reviews, approvers approve from their inboxes (step-up MFA where the policy
 * asks), one invoice is sent back and resubmitted corrected, and budget vs actual is printed as the web app shows it.
 * One line per step. Exit code 1 when anything failed (the reasons are printed), 2 for bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadProfile } from '../stack/profile';
import { defaultFixtureDir } from '../testing/invoice-fixtures';
import { addDays, fixtureInvoices, generatedInvoices } from './demo-invoices';
import { type DemoOptions, runDemo } from './demo-run';

interface Arguments {
  readonly stack: 'dev' | 'test';
  readonly dir: string | null;
  readonly generated: boolean;
  readonly batch: string;
  readonly eventName: string | undefined;
  readonly budgetLine: string;
}

class UsageError extends Error {}

export function parseDemoArguments(argv: readonly string[]): Arguments {
  let stack: 'dev' | 'test' = 'dev';
  let dir: string | null = null;
  let generated = false;
  let batch = 'demo';
  let eventName: string | undefined;
  let budgetLine = 'SND-01';
  const value = (index: number, option: string): string => {
    const given = argv[index];
    if (given === undefined || given.startsWith('--')) throw new UsageError(`${option} needs a value`);
    return given;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--stack') {
      const name = value(++i, arg);
      if (name !== 'dev' && name !== 'test') throw new UsageError('--stack is dev or test');
      stack = name;
    } else if (arg === '--generated') generated = true;
    else if (arg === '--batch') {
      batch = value(++i, arg);
      if (!/^[A-Za-z0-9]{1,12}$/.test(batch)) throw new UsageError('--batch is 1-12 letters or digits');
    } else if (arg === '--event') eventName = value(++i, arg);
    else if (arg === '--budget-line') budgetLine = value(++i, arg);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else dir = path.resolve(arg);
  }
  if (generated && dir !== null) throw new UsageError('give a folder or --generated, not both');
  return { stack, dir, generated, batch, eventName, budgetLine };
}

async function main(): Promise<number> {
  let args: Arguments;
  try {
    args = parseDemoArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`npm run demo: ${error.message}`);
    console.error(
      'usage: npm run demo -- [DIR] [--stack dev|test] [--event NAME] [--budget-line CODE] | --generated [--batch NAME]',
    );
    return 2;
  }
  const env = loadProfile(args.stack).appEnv;
  const health = await fetch(`${env.API_URL}/health`, { signal: AbortSignal.timeout(10_000) }).catch(
    () => null,
  );
  if (health?.status !== 200) {
    console.error(
      `The ${args.stack} stack's API at ${env.API_URL} is not ${health === null ? 'running' : 'healthy'}: ` +
        (args.stack === 'dev' ? 'start it with `npm start`.' : 'start it with the integration tests.'),
    );
    return 1;
  }

  let dir = args.dir;
  if (dir !== null && !fs.existsSync(dir)) {
    console.error(`npm run demo: no invoice folder at ${dir}`);
    return 2;
  }
  const generated = args.generated || (dir === null && !fs.existsSync(defaultFixtureDir));
  if (!generated) dir ??= defaultFixtureDir;
  const today = new Date().toISOString().slice(0, 10);
  const options: DemoOptions = {
    source: generated
      ? `the project's generated invoices (batch ${args.batch})${args.generated ? '' : `, as ${defaultFixtureDir} does not exist`}`
      : path.relative(process.cwd(), dir ?? '') || '.',
    invoices: (event) =>
      generated
        ? // Invoiced two days after the event (today at the latest): the same batch always gives the same documents.
          generatedInvoices({
            batch: args.batch,
            issueDate: [today, addDays(event.endsOn, 2)].sort()[0] ?? today,
            eventName: event.name,
          })
        : fixtureInvoices(dir ?? defaultFixtureDir, { eventName: event.name }),
    defaultBudgetLine: args.budgetLine,
    today,
    ...(args.eventName === undefined ? {} : { eventName: args.eventName }),
  };
  const result = await runDemo(
    { apiUrl: env.API_URL, keycloakUrl: env.KEYCLOAK_URL, realm: env.KEYCLOAK_REALM },
    options,
    (line) => console.log(line),
  );
  return result.failures.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(
        `npm run demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exit(1);
    },
  );
}
