import { MAX_DOCUMENT_BYTES } from '@eventvault/activities';
import { ApiErrorCode } from '../errors/api-error';

/**
 * The OpenAPI 3.1 description of the API's REST part (GraphQL is described by api/schema.graphql). Written by
 * hand beside the controllers; a test checks that every route of the running app is described here and that the
 * committed api/openapi.json is this document (`npm run schema -w api` rewrites it).
 */
export function openApiDocument(): Record<string, unknown> {
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const guarded = {
    '401': errorResponse(
      'No valid bearer token (UNAUTHENTICATED), with a WWW-Authenticate: Bearer challenge.',
    ),
    '403': errorResponse('Your roles do not allow this (FORBIDDEN).'),
    '429': {
      ...errorResponse('Too many requests from you (RATE_LIMITED); wait Retry-After seconds.'),
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
    },
    '503': errorResponse('A service the API depends on is down (DEPENDENCY_DOWN); try again shortly.'),
  };
  const documentField = { type: 'string', contentMediaType: 'application/octet-stream' };
  const multipartBody = (required: string[], properties: Record<string, unknown>) => ({
    required: true,
    content: {
      'multipart/form-data': {
        schema: { type: 'object', required, additionalProperties: false, properties },
      },
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'EventVault REST API',
      version: '0.1.0',
      description:
        'Files and operations outside GraphQL. Every route needs a Keycloak access token for the audience ' +
        'eventvault-api unless marked public; every request is scoped to the organisation in the token. Every ' +
        'response carries X-Request-Id (your own id is kept when it is a plain token of 8-128 characters).',
    },
    servers: [{ url: '/' }],
    security: [{ keycloak: [] }],
    paths: {
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Readiness of every dependency',
          security: [],
          tags: ['operations'],
          responses: {
            '200': {
              description: 'Every dependency is up.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/HealthReport' } } },
            },
            '503': {
              description: 'At least one dependency is down (named in checks).',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/HealthReport' } } },
            },
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This description',
          security: [],
          tags: ['operations'],
          responses: {
            '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': {} } },
          },
        },
      },
      '/invoices/uploads': {
        post: {
          operationId: 'uploadInvoice',
          summary: 'Upload an invoice document; starts its intake workflow',
          description:
            'Roles supplier, finance, admin, event_manager. The type is judged by the bytes (PDF, PNG, JPEG, ' +
            `TIFF, WebP), at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB. The same bytes uploaded again find the first run.`,
          tags: ['invoices'],
          requestBody: multipartBody(['file', 'eventId'], {
            file: documentField,
            eventId: { type: 'string', format: 'uuid' },
            supplierId: { type: 'string', format: 'uuid' },
            purchaseOrderNumber: { type: 'string', maxLength: 64 },
          }),
          responses: {
            '200': receipt('These bytes were uploaded before: nothing new was started.'),
            '202': receipt('Stored; the intake workflow runs on.'),
            '400': errorResponse('A field is missing or malformed (VALIDATION; details.field names it).'),
            '404': errorResponse('Your organisation has no such event or supplier (NOT_FOUND).'),
            '413': errorResponse('The document is larger than the upload limit.'),
            '415': errorResponse('The bytes are not a supported document type.'),
            '422': errorResponse('The document is empty or cannot be taken in.'),
            ...guarded,
          },
        },
      },
      '/portal/quotes': {
        post: {
          operationId: 'submitQuote',
          summary: 'A supplier submits a quote with its document',
          description:
            'Role supplier (a user linked to a supplier). The type is judged by the bytes (PDF, PNG, JPEG, TIFF, ' +
            `WebP), at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB. The same bytes are accepted once. Amounts are exact ` +
            'decimal text in the quote’s currency (the organisation’s base currency when none is given).',
          tags: ['portal'],
          requestBody: multipartBody(['file', 'eventId', 'netAmount', 'vatAmount'], {
            file: documentField,
            eventId: { type: 'string', format: 'uuid' },
            reference: { type: 'string' },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
            netAmount: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' },
            vatAmount: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' },
            quotedOn: { type: 'string', format: 'date' },
            validUntil: { type: 'string', format: 'date' },
          }),
          responses: {
            '201': { description: 'The quote, received.', content: { 'application/json': {} } },
            '400': errorResponse('A field is missing or malformed (VALIDATION; details.field names it).'),
            '404': errorResponse('Your organisation has no such event (NOT_FOUND).'),
            '413': errorResponse('The document is larger than the upload limit.'),
            '415': errorResponse('The bytes are not a supported document type.'),
            ...guarded,
          },
        },
      },
      '/invoices/uploads/{workflowId}/versions': {
        post: {
          operationId: 'resubmitInvoiceDocument',
          summary: 'Send a corrected version of an invoice whose approver requested changes',
          description:
            'Roles supplier, finance, admin; a supplier only for its own supplier’s invoices. The same content checks ' +
            `and ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB limit as an upload, and the same rate limit. The intake, waiting ` +
            'in changes-requested, reads and checks the new version and routes it to approval again.',
          tags: ['invoices'],
          parameters: [{ name: 'workflowId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: multipartBody(['file'], { file: documentField }),
          responses: {
            '202': {
              description: 'Stored and taken by the intake, which reads it again.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/InvoiceResubmissionReceipt' } },
              },
            },
            '400': errorResponse('No file, or an unexpected form field (VALIDATION).'),
            '404': errorResponse('No such upload in your organisation, or not your supplier’s (NOT_FOUND).'),
            '409': errorResponse(
              'The intake is not waiting for a new version (CONFLICT; the message says what it is doing).',
            ),
            '413': errorResponse('The document is larger than the upload limit.'),
            '415': errorResponse('The bytes are not a supported document type.'),
            '422': errorResponse('The document is empty, or the same file as a version sent before.'),
            ...guarded,
          },
        },
      },
      '/invoices/uploads/{workflowId}': {
        get: {
          operationId: 'invoiceUploadStatus',
          summary: 'The state of an uploaded invoice’s intake',
          description:
            'Roles supplier, finance, admin, event_manager, approver, auditor; a supplier sees its own supplier’s ' +
            'uploads only.',
          tags: ['invoices'],
          parameters: [{ name: 'workflowId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description:
                'The intake run and its own account of its state (null when no worker answered in time).',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/InvoiceIntakeStatus' } },
              },
            },
            '404': errorResponse('No such upload in your organisation, or not your supplier’s (NOT_FOUND).'),
            ...guarded,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        keycloak: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Keycloak access token of realm eventvault with audience eventvault-api.',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.values(ApiErrorCode) },
                message: { type: 'string' },
                requestId: { type: 'string' },
                details: { type: 'object', additionalProperties: true },
              },
            },
          },
        },
        HealthReport: {
          type: 'object',
          required: ['status', 'checks'],
          properties: {
            status: { type: 'string', enum: ['ok', 'error'] },
            checks: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'status', 'latencyMs'],
                properties: {
                  name: { type: 'string' },
                  status: { type: 'string', enum: ['up', 'down'] },
                  latencyMs: { type: 'number' },
                  error: { type: 'string' },
                },
              },
            },
          },
        },
        StoredDocument: {
          type: 'object',
          description: 'The document as stored: its content hash, size and the type its bytes show.',
          required: ['sha256', 'sizeBytes', 'contentType'],
          properties: {
            sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            sizeBytes: { type: 'integer' },
            contentType: { type: 'string' },
          },
        },
        InvoiceUploadReceipt: {
          type: 'object',
          required: ['workflowId', 'duplicate', 'document'],
          properties: {
            workflowId: { type: 'string' },
            duplicate: { type: 'boolean' },
            document: { $ref: '#/components/schemas/StoredDocument' },
          },
        },
        InvoiceResubmissionReceipt: {
          type: 'object',
          required: ['workflowId', 'document', 'status'],
          properties: {
            workflowId: { type: 'string' },
            document: { $ref: '#/components/schemas/StoredDocument' },
            status: { type: 'string', description: 'The intake status after taking the version (received).' },
          },
        },
        InvoiceIntakeStatus: {
          type: 'object',
          required: ['workflowId', 'execution', 'state'],
          properties: {
            workflowId: { type: 'string' },
            execution: {
              type: 'object',
              required: ['status', 'startedAt', 'closedAt'],
              properties: {
                status: { type: 'string' },
                startedAt: { type: 'string', format: 'date-time' },
                closedAt: { type: ['string', 'null'], format: 'date-time' },
              },
            },
            state: { type: ['object', 'null'], additionalProperties: true },
          },
        },
      },
    },
  };
}

function receipt(description: string): Record<string, unknown> {
  return {
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/InvoiceUploadReceipt' } } },
  };
}

/** The committed file's text: the document as pretty JSON with a final newline. */
export function openApiJson(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
