import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypeMetadataStorage } from '@nestjs/graphql';
import { getMetadataStorage } from 'class-validator';
import { writeSchema } from '../schema';

/**
 * The global ValidationPipe refuses properties without class-validator rules (whitelist + forbidNonWhitelisted) and
 * objects of classes with none (forbidUnknownValues): an input or args field without a rule would make its operation
 * fail for every caller. So every field of every GraphQL input and args class must carry at least one rule.
 */
describe('validation rules of GraphQL inputs', () => {
  it('cover every field of every input type and args class', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventvault-schema-'));
    try {
      await writeSchema(join(dir, 'schema.graphql'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const classes = [
      ...TypeMetadataStorage.getInputTypesMetadata(),
      ...TypeMetadataStorage.getArgumentsMetadata(),
    ];
    expect(classes.length).toBeGreaterThan(10);
    const storage = getMetadataStorage();
    const missing = classes.flatMap((metadata) => {
      const ruled = new Set(
        storage
          .getTargetValidationMetadatas(metadata.target, '', true, false)
          .map((rule) => rule.propertyName),
      );
      return (metadata.properties ?? [])
        .filter((property) => !ruled.has(property.name))
        .map((property) => `${metadata.name}.${property.name}`);
    });
    expect(missing).toEqual([]);
  });
});
