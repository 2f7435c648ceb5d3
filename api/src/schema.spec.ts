import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_FILE, writeSchema } from './schema';

describe('api/schema.graphql', () => {
  it('matches the schema the code generates (run `npm run schema -w api` after changing resolvers or types)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventvault-schema-'));
    try {
      const generated = join(dir, 'schema.graphql');
      await writeSchema(generated);
      expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(readFileSync(generated, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
