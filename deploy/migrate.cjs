'use strict';
// The compose `migrate` job (api image): applies every pending SQL migration in activities/migrations to
// DATABASE_URL, then exits; the API and the worker start only after it has succeeded. The image's counterpart of
// `npm run migrate` (scripts/migrate.ts), which needs tsx and the sources.
const { migrateToLatest } = require('@eventvault/activities/dist/database/migrate');

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(1);
}

migrateToLatest(databaseUrl).then(
  (applied) => {
    console.log(applied.length === 0 ? 'Schema is up to date.' : `Applied: ${applied.join(', ')}`);
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
