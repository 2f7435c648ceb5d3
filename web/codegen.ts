import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for every operation the app sends, from the API's committed schema. Documents are written with `graphql()`
 * in the feature folders; `npm run codegen -w web` writes the types (gitignored), and build, test and typecheck run it
 * first, so they always match the schema.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/app/**/*.ts', '!src/app/core/api/generated/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/app/core/api/generated/': {
      preset: 'client',
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTime: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
