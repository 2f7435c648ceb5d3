import { Logger, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ApplicationConfig, ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type NestExpressApplication } from '@nestjs/platform-express';
import {
  getIntrospectionQuery,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isLeafType,
} from 'graphql';
import request from 'supertest';
import { AuthGuard } from '../auth/auth.guard';
import { IS_PUBLIC } from '../auth/public.decorator';
import { RolesGuard } from '../auth/roles.guard';
import { loadApiConfig } from '../config/api-config';
import { LocalIdentityProvider } from '../testing/local-identity-provider';
import { createTestApp } from '../testing/test-app';

/**
 * Every handler that may be called without a token. Adding one is a security decision: it must be added here,
 * in review, or this test fails.
 */
const PUBLIC_HANDLERS_ALLOWLIST = ['HealthController.check', 'OpenApiController.describe'];

interface Handler {
  readonly id: string;
  readonly isPublic: boolean;
  readonly kind: 'route' | 'resolver';
  readonly method?: string;
  readonly path?: string;
}

// @nestjs/graphql's metadata keys (graphql.constants, not exported by the package).
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';
const RESOLVER_PROPERTY_METADATA = 'graphql:resolve_property';

const httpMethods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

function methodsOf(metatype: Type): string[] {
  const names = new Set<string>();
  for (
    let proto = metatype.prototype as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function')
        names.add(name);
    }
  }
  return [...names];
}

function discoverHandlers(app: NestExpressApplication): Handler[] {
  const reflector = app.get(Reflector);
  const handlers: Handler[] = [];
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of [...module.controllers.values(), ...module.providers.values()]) {
      const metatype = wrapper.metatype as Type | null;
      if (typeof metatype !== 'function' || seen.has(metatype) || metatype.prototype === undefined) continue;
      seen.add(metatype);
      const isController = module.controllers.has(wrapper.token as Type);
      for (const name of methodsOf(metatype)) {
        const fn = (metatype.prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [fn, metatype]) === true;
        const id = `${metatype.name}.${name}`;
        const routePath = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        const resolverType = Reflect.getMetadata(RESOLVER_TYPE_METADATA, fn) as string | undefined;
        const fieldResolver = Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, fn) as boolean | undefined;
        if (isController && routePath !== undefined) {
          const controllerPath = Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined;
          const method = httpMethods[Reflect.getMetadata(METHOD_METADATA, fn) as number] ?? 'GET';
          const path = [
            '',
            controllerPath ?? '',
            ...(Array.isArray(routePath) ? routePath.slice(0, 1) : [routePath]),
          ]
            .join('/')
            .replace(/\/+/g, '/')
            .replace(/(.)\/$/, '$1');
          handlers.push({ id, isPublic, kind: 'route', method, path });
        } else if (resolverType !== undefined || fieldResolver === true) {
          handlers.push({ id, isPublic, kind: 'resolver' });
        }
      }
    }
  }
  return handlers;
}

/** A syntactically valid literal for an argument, so a call reaches the guard (guards run before pipes). */
function literalFor(type: GraphQLInputType): string {
  if (type instanceof GraphQLNonNull) return literalFor(type.ofType);
  if (type instanceof GraphQLList) return `[${literalFor(type.ofType)}]`;
  if (type instanceof GraphQLEnumType) return type.getValues()[0]?.name ?? 'null';
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull);
    return `{${fields.map((f) => `${f.name}: ${literalFor(f.type)}`).join(', ')}}`;
  }
  if (type instanceof GraphQLScalarType) {
    if (type.name === 'Int' || type.name === 'Float') return '1';
    if (type.name === 'Boolean') return 'false';
    return '"00000000-0000-4000-8000-000000000000"';
  }
  return 'null';
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const required = field.args.filter((arg: GraphQLArgument) => arg.type instanceof GraphQLNonNull);
  const args =
    required.length === 0 ? '' : `(${required.map((a) => `${a.name}: ${literalFor(a.type)}`).join(', ')})`;
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind} { ${field.name}${args}${selection} }`;
}

describe('guard coverage: nothing is reachable without a token unless allow-listed', () => {
  let app: NestExpressApplication;
  let handlers: Handler[];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    // Default config: no service is contacted (clients connect lazily) and tokens are never fetched for.
    app = await createTestApp(loadApiConfig({ LOG_LEVEL: 'error' }));
    handlers = discoverHandlers(app);
  });

  afterAll(() => app.close());

  it('registers AuthGuard, then RolesGuard, as global guards', () => {
    const guards = app.get(ApplicationConfig).getGlobalGuards();
    expect(guards.map((guard) => guard.constructor)).toEqual([AuthGuard, RolesGuard]);
  });

  it('finds the routes and resolvers (the discovery itself works)', () => {
    expect(handlers.map((h) => h.id)).toEqual(
      expect.arrayContaining(['HealthController.check', 'MeResolver.me']),
    );
  });

  it('has no @Public resolver: no GraphQL operation is public (the endpoint refuses anonymous callers)', () => {
    expect(handlers.filter((h) => h.kind === 'resolver' && h.isPublic).map((h) => h.id)).toEqual([]);
  });

  it('has exactly the allow-listed @Public handlers', () => {
    expect(
      handlers
        .filter((h) => h.isPublic)
        .map((h) => h.id)
        .sort(),
    ).toEqual([...PUBLIC_HANDLERS_ALLOWLIST].sort());
  });

  it('answers 401 on every other REST route when called without a token', async () => {
    for (const route of handlers.filter((h) => h.kind === 'route' && !h.isPublic)) {
      const path = (route.path ?? '/').replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const method = (route.method ?? 'GET').toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
      const response = await request(app.getHttpServer())[method](path).send({});
      expect({ route: route.id, status: response.status }).toEqual({ route: route.id, status: 401 });
    }
  });

  it('answers UNAUTHENTICATED on every query and mutation when called without a token', async () => {
    const schema = app.get(GraphQLSchemaHost).schema;
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const;
    let checked = 0;
    for (const [kind, type] of roots) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        const response = await request(app.getHttpServer())
          .post('/graphql')
          .set('Content-Type', 'application/json')
          .send({ query: operationFor(kind, field) });
        const body = response.body as { errors?: { extensions?: { code?: string } }[] };
        const codes = body.errors?.map((e) => e.extensions?.code);
        expect({ field: `${kind}.${field.name}`, codes }).toEqual({
          field: `${kind}.${field.name}`,
          codes: ['UNAUTHENTICATED'],
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

/**
 * The endpoint as a whole, not just its resolvers: operations that reach no resolver (`__typename`,
 * introspection, invalid documents) must be refused too, before parsing, so nothing about the schema leaks.
 */
describe('guard coverage: /graphql runs nothing for a caller without a valid token', () => {
  let idp: LocalIdentityProvider;
  let app: NestExpressApplication;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    idp = await LocalIdentityProvider.start();
    // Introspection on, as in development: a valid token may introspect, an anonymous caller never.
    app = await createTestApp(idp.config(), { introspection: true });
  });

  afterAll(async () => {
    await app?.close();
    await idp?.stop();
  });

  /** Every operation we can think of that does not need a resolver, and one operation per root field. */
  function operations(): [string, string][] {
    const schema = app.get(GraphQLSchemaHost).schema;
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const;
    const rootFields = roots.flatMap(([kind, type]) =>
      Object.values(type?.getFields() ?? {}).map((field): [string, string] => [
        `${kind}.${field.name}`,
        operationFor(kind, field),
      ]),
    );
    expect(rootFields.length).toBeGreaterThan(0);
    return [
      ['__typename', '{ __typename }'],
      ['a named __typename query', 'query Ping { __typename }'],
      ['a __typename mutation', 'mutation { __typename }'],
      ['the full introspection query', getIntrospectionQuery()],
      ['__schema', '{ __schema { types { name } } }'],
      ['__type', '{ __type(name: "Query") { fields { name } } }'],
      ['an unknown field (validation would suggest names)', '{ m }'],
      ['a syntax error', '{ me {'],
      ...rootFields,
    ];
  }

  const callers: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', () => Promise.resolve(undefined)],
    ['Bearer abc', () => Promise.resolve('Bearer abc')],
    ['an empty bearer token', () => Promise.resolve('Bearer ')],
    ['another scheme', () => Promise.resolve('Basic ZmluYW5jZTpzZWNyZXQ=')],
    ['a forged token', async () => `Bearer ${await idp.sign(idp.userClaims(), { rogueKey: true })}`],
    ['an expired token', async () => `Bearer ${await idp.sign(idp.userClaims(), { expiresIn: -600 })}`],
    [
      'a token for another audience',
      async () => `Bearer ${await idp.sign(idp.userClaims(), { audience: 'account' })}`,
    ],
  ];

  /** The one answer such a caller gets, whatever it sent: 401, a Bearer challenge, an error and nothing else. */
  const refused = (operation: string): unknown => ({
    operation,
    status: 401,
    challenge: 'Bearer realm="eventvault"',
    body: {
      errors: [
        {
          message: expect.any(String) as string,
          extensions: {
            code: 'UNAUTHENTICATED',
            requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
          },
        },
      ],
    },
  });
  const answer = (operation: string, response: request.Response): unknown => ({
    operation,
    status: response.status,
    challenge: response.headers['www-authenticate'],
    body: response.body as unknown,
  });

  it.each(callers)('answers 401 to every operation sent with %s (POST)', async (_caller, authorization) => {
    const header = await authorization();
    const answers: unknown[] = [];
    for (const [name, query] of operations()) {
      const call = request(app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
      const response = await (header === undefined ? call : call.set('Authorization', header)).send({
        query,
      });
      answers.push(answer(name, response));
    }
    expect(answers).toEqual(operations().map(([name]) => refused(name)));
  });

  it.each(callers)('answers 401 to every query sent with %s (GET)', async (_caller, authorization) => {
    const header = await authorization();
    const answers: unknown[] = [];
    const queries = operations().filter(([, query]) => !query.trimStart().startsWith('mutation'));
    for (const [name, query] of queries) {
      // A GET that passes CSRF prevention (a preflight header), i.e. what a script could send.
      const call = request(app.getHttpServer())
        .get('/graphql')
        .query({ query })
        .set('Apollo-Require-Preflight', 'true');
      const response = await (header === undefined ? call : call.set('Authorization', header));
      answers.push(answer(name, response));
    }
    expect(answers).toEqual(queries.map(([name]) => refused(name)));
  });

  it('refuses anonymous batches and persisted-query lookups as well', async () => {
    const batch = await request(app.getHttpServer())
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    const persisted = await request(app.getHttpServer())
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect([answer('batch', batch), answer('persisted', persisted)]).toEqual([
      refused('batch'),
      refused('persisted'),
    ]);
  });

  it('runs __typename for a caller with a valid token (and does not refuse the endpoint wholesale)', async () => {
    const token = await idp.sign(idp.userClaims());
    const response = await request(app.getHttpServer())
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: '{ __typename }' })
      .expect(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });
});
