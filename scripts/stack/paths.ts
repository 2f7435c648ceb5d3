import path from 'node:path';
import { repoRoot } from './profile';

/** Where `npm run setup` puts each tool; versions are pinned in scripts/setup.sh. */
export const tools = {
  temporal: path.join(repoRoot, '.venv/bin/temporal'),
  temporalTestServer: path.join(repoRoot, '.venv/bin/temporal-test-server'),
  keycloakHome: path.join(repoRoot, 'vendor/keycloak'),
  versitygw: path.join(repoRoot, 'vendor/bin/versitygw'),
  postgresBin: process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin',
};
