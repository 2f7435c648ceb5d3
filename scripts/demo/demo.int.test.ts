import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ExactDecimal } from '../../domain/src';
import { realm, requiredEnv } from '../../api/test/support';
import { ApiUser } from '../testing/api-user';

// `npm run demo -- --generated` on the test stack, as a user without the fixtures runs it: the CLI in a child
// process, a batch of generated invoices of its own, then the same command again (nothing is submitted twice).
// The budget figures it prints are checked against budgetVsActual read here.

const root = path.resolve(__dirname, '../..');
const batch = `T${randomBytes(4).toString('hex').toUpperCase()}`;

function demo(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/demo/demo.ts',
        '--generated',
        '--stack',
        'test',
        '--batch',
        batch,
        ...args,
      ],
      { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** The printed budget rows: code, budget, actual before, actual now, remaining. */
function budgetRows(output: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const match =
      /^ {2}(SND-\d\d)\s+.*?\s+(-?\d+\.\d{2})\s+(-?\d+\.\d{2})\s+(-?\d+\.\d{2})\s+(-?\d+\.\d{2})$/.exec(line);
    if (match) rows.set(match[1]!, match.slice(2));
  }
  return rows;
}

const stepLines = (output: string, invoice: string) =>
  output.split('\n').filter((line) => line.includes(`SW-${batch}-${invoice}`));

describe('npm run demo -- --generated', () => {
  let first: { code: number | null; output: string };

  it('takes generated invoices from submission to posting, with a duplicate, a step-up and a send-back', async () => {
    first = await demo();
    // On failure the received object shows how the run ended.
    expect({ code: first.code, tail: first.output.slice(-1500) }).toMatchObject({ code: 0 });
    const out = first.output;
    for (const invoice of ['101.pdf', '101-scan.png', '102.pdf', '103.pdf']) {
      expect(stepLines(out, invoice).find((line) => line.includes(' submit '))).toContain('accepted (202)');
    }
    expect(stepLines(out, '101-scan.png').join('\n')).toMatch(
      /review\s+→ rejected as a duplicate: .*SW-\w+-101/,
    );
    expect(stepLines(out, '101.pdf').join('\n')).toMatch(
      /approve \(level 1\)\s+→ approved after step-up MFA/,
    );
    expect(stepLines(out, '101.pdf').join('\n')).toMatch(/director@kalahari\.demo\s+approve \(level 3\)/);
    const sentBack = stepLines(out, '102.pdf').join('\n');
    expect(sentBack).toMatch(
      /request changes \(level 1\)\s+→ sent back: "The Dune tent PA was booked for 2 days/,
    );
    expect(sentBack).toMatch(/portal\s+→ invoice SW-\w+-102 is "received" with changes requested/);
    expect(sentBack).toMatch(/send corrected\s+→ accepted \(202\)/);
    expect(sentBack).toMatch(/read\s+→ text layer, 1 page: no\. SW-\w+-102 · [\d-]+ · ZAR 16387\.50/);
    for (const invoice of ['101.pdf', '102.pdf', '103.pdf']) {
      expect(stepLines(out, invoice).find((line) => line.includes(' post '))).toContain(
        '1 journal entry, balanced',
      );
    }
    expect(out).toContain('3 posted, each exactly once');
    expect(out).toContain('0 failures');
  });

  it('prints the budget vs actual the web app shows: the figures of budgetVsActual, a total equal to its lines', async () => {
    const rows = budgetRows(first.output);
    expect([...rows.keys()].sort()).toEqual(['SND-01', 'SND-02', 'SND-03']);
    const finance = await ApiUser.signIn(
      { ...realm(), apiUrl: requiredEnv('API_URL') },
      'finance@kalahari.demo',
    );
    const eventName = /for (.+) \(budget \d{4}, ZAR\)\./.exec(first.output)?.[1];
    const { events } = await finance.data<{ events: { items: { id: string; name: string }[] } }>(
      '{ events(first: 200) { items { id name } } }',
    );
    const eventId = events.items.find((event) => event.name === eventName)?.id;
    const { budgetVsActual } = await finance.data<{
      budgetVsActual: {
        lines: {
          code: string;
          budget: { amount: string };
          actual: { amount: string };
          remaining: { amount: string };
        }[];
      };
    }>(
      'query($eventId: ID!) { budgetVsActual(eventId: $eventId) { lines { code budget { amount } actual { amount } remaining { amount } } } }',
      {
        eventId,
      },
    );
    for (const [code, [budget, , actualNow, remaining]] of rows) {
      const line = budgetVsActual.lines.find((candidate) => candidate.code === code);
      expect({ code, budget, actualNow, remaining }).toEqual({
        code,
        budget: line?.budget.amount,
        actualNow: line?.actual.amount,
        remaining: line?.remaining.amount,
      });
    }
    const total =
      /total of these 3 lines \(ZAR\)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)/.exec(first.output)?.slice(1) ?? [];
    const sum = (column: number) =>
      [...rows.values()].reduce((acc, row) => acc.plus(row[column] ?? '0'), new ExactDecimal(0)).toFixed(2);
    expect(total).toEqual([sum(0), sum(1), sum(2), sum(3)]);
  });

  it('run again, finds every invoice from the first run and submits nothing twice', async () => {
    const again = await demo();
    // On failure the received object shows how the run ended.
    expect({ code: again.code, tail: again.output.slice(-1500) }).toMatchObject({ code: 0 });
    expect(again.output).not.toContain('accepted (202)');
    expect(again.output.match(/already submitted in an earlier run/g)).toHaveLength(4);
    expect(again.output).toContain('0 new, 4 found from an earlier run');
    expect(again.output).toContain(`SW-${batch}-102.pdf was sent back and corrected in an earlier run`);
    expect(budgetRows(again.output)).toEqual(
      new Map(
        [...budgetRows(first.output)].map(([code, [budget, , now, remaining]]) => [
          code,
          [budget!, now!, now!, remaining!],
        ]),
      ),
    );
  });
});
