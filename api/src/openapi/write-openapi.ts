import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiJson } from './openapi-document';

/** The committed description, api/openapi.json (from src/ under ts-jest and from dist/ when built). */
export const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.json');

if (require.main === module) {
  writeFileSync(OPENAPI_FILE, openApiJson());
}
