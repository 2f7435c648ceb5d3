import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// The lint rules that keep workflow code deterministic are part of the design: this proves they fire.
describe('workflow lint rules', () => {
  const eslint = new ESLint({
    cwd: path.resolve(__dirname, '..'),
    // Type information is not needed for import rules; it would also require the probe to exist on disk.
    overrideConfig: [tseslint.configs.disableTypeChecked],
  });

  async function problems(code: string, filePath: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
  }

  it.each([
    ["import fs from 'node:fs';", 'no-restricted-imports'],
    ["import { readFile } from 'fs';", 'no-restricted-imports'],
    ["import { Client } from 'pg';", 'no-restricted-imports'],
    ["import { createActivities } from '@eventvault/activities';", 'no-restricted-imports'],
    ['export const url = process.env.X;', 'no-restricted-globals'],
    ["export const page = fetch('http://example.test');", 'no-restricted-globals'],
  ])('rejects `%s` in workflow code', async (code, rule) => {
    const found = await problems(`${code}\n`, 'workflows/src/probe.workflow.ts');
    expect(found.some((p) => p.startsWith(`${rule}:`))).toBe(true);
  });

  it('allows type-only imports of activities and the workflow API', async () => {
    const code = [
      "import { proxyActivities } from '@temporalio/workflow';",
      "import type { Activities } from '@eventvault/activities';",
      "export const a = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });",
      '',
    ].join('\n');
    expect(await problems(code, 'workflows/src/probe.workflow.ts')).toEqual([]);
  });

  it.each(['api/src/probe.ts', 'worker/src/probe.ts'])(
    'keeps the database behind the repositories in %s',
    async (filePath) => {
      for (const code of [
        "import { Pool } from 'pg';",
        "import { PrismaClient } from '@prisma/client';",
        "import { PrismaClient } from '../../activities/src/generated/prisma/client';",
      ]) {
        const found = await problems(`${code}\n`, filePath);
        expect(found.some((p) => p.startsWith('no-restricted-imports:'))).toBe(true);
      }
    },
  );

  it('leaves other packages free to use Node', async () => {
    expect(
      await problems("import fs from 'node:fs';\nexport const f = fs;\n", 'activities/src/probe.ts'),
    ).toEqual([]);
  });
});
