import { migrateToLatest } from '../activities/src/database/migrate';
import { loadProfile } from './stack/profile';

// Migrates DATABASE_URL when set (a deployment), else the local dev stack's database.
const databaseUrl = process.env.DATABASE_URL ?? loadProfile('dev').appEnv.DATABASE_URL ?? '';
migrateToLatest(databaseUrl)
  .then((applied) =>
    console.log(applied.length === 0 ? 'Schema is up to date.' : `Applied: ${applied.join(', ')}`),
  )
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
