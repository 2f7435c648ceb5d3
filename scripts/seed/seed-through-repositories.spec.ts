import fs from 'node:fs';
import path from 'node:path';

// Repositories in activities/ are the only code that touches the database (issue 3, item 5): the demo seed writes
// through them too. A Prisma model delegate (`db.invoice.create`, `tx.event.findFirst`) or raw SQL in a seed file
// fails this test.

const seedDir = __dirname;
const seedFiles = fs
  .readdirSync(seedDir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.int.test.ts'));

const delegateCall =
  /\b(?:db|tx|session|client)\s*\.\s*(?!\$disconnect\b)([$A-Za-z]+)\s*\.\s*[A-Za-z]+\s*\(/g;
const rawSql = /\$(?:queryRaw|executeRaw)(?:Unsafe)?\b/g;

describe('the demo seed', () => {
  it('has seed files to check', () => {
    expect(seedFiles).toEqual(
      expect.arrayContaining(['demo-seed.ts', 'demo-finance.ts', 'demo-approvals.ts']),
    );
  });

  it.each(seedFiles)('%s reaches the database only through repositories', (name) => {
    const source = fs.readFileSync(path.join(seedDir, name), 'utf8');
    const found = [...source.matchAll(delegateCall), ...source.matchAll(rawSql)].map((match) => match[0]);
    expect(found).toEqual([]);
  });

  it('would notice a direct write', () => {
    expect('await tx.invoice.create({ data })'.match(delegateCall)).not.toBeNull();
    expect('await db.$queryRaw`SELECT 1`'.match(rawSql)).not.toBeNull();
    expect('await db.$disconnect()'.match(delegateCall)).toBeNull();
  });
});
