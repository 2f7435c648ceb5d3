/**
 * docker-compose.yml cannot be started here (no Docker engine), so this reads it the way Compose would:
 * YAML with merge keys, then Compose's variable substitution, with .env.example as the environment.
 * It holds the file to what the rest of the repository says: the variables the processes read
 * (activities/src/config/environment.ts), the settings and ports users set (.env.example), the Temporal dev
 * server's namespaces and search attributes (temporal-config/), and the realm Keycloak imports (keycloak/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { type Consumer, environmentVariables, loadConfig } from '../activities/src/config/environment';
import { parseDotenv } from '../scripts/stack/profile';

const repoRoot = path.resolve(__dirname, '..');
const readRepoFile = (relative: string): string => fs.readFileSync(path.join(repoRoot, relative), 'utf8');

type Env = Readonly<Record<string, string | undefined>>;
type Operator = '' | ':-' | '-' | ':?' | '?' | ':+' | '+';

/** One `${NAME…}` or `$NAME` in a Compose string. */
interface Reference {
  readonly name: string;
  readonly operator: Operator;
  readonly argument: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`${what} must be a mapping`);
  return value;
}

function asList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} must be a list`);
  return value as unknown[];
}

function asText(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`${what} must be a scalar`);
}

/**
 * Compose's substitution: `$$` is a literal `$`; `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
 * `${NAME:?error}`, `${NAME?error}`, `${NAME:+alternative}`, `${NAME+alternative}`. Each reference is handed to
 * `replace`, whose result takes its place.
 */
function substitute(value: string, replace: (reference: Reference) => string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    if (value[i] !== '$') {
      out += value[i];
      i += 1;
      continue;
    }
    const next = value[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      let depth = 1;
      let end = i + 2;
      for (; end < value.length && depth > 0; end += 1) {
        if (value[end] === '{') depth += 1;
        if (value[end] === '}') depth -= 1;
      }
      if (depth !== 0) throw new Error(`unclosed \${ in ${JSON.stringify(value)}`);
      const body = value.slice(i + 2, end - 1);
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?|:\+|\+)([\s\S]*))?$/.exec(body);
      if (match === null) throw new Error(`invalid substitution \${${body}} in ${JSON.stringify(value)}`);
      const [, name = '', operator = '', argument = ''] = match;
      out += replace({ name, operator: operator as Operator, argument });
      i = end;
    } else {
      const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(i + 1));
      if (bare === null) throw new Error(`a lone $ in ${JSON.stringify(value)}: write $$ for a literal $`);
      out += replace({ name: bare[0], operator: '', argument: '' });
      i += 1 + bare[0].length;
    }
  }
  return out;
}

/** Every reference in a string, including those inside defaults. */
function referencesIn(value: string): Reference[] {
  const found: Reference[] = [];
  substitute(value, (reference) => {
    found.push(reference, ...referencesIn(reference.argument));
    return '';
  });
  return found;
}

/**
 * The value Compose would use. `strict` fails like Compose on a missing required variable; otherwise the
 * variable is reported (in `missing`) and replaced by a marker, so the other checks still run.
 */
function resolve(value: string, env: Env, strict: boolean, missing?: Set<string>): string {
  return substitute(value, ({ name, operator, argument }) => {
    const current = env[name];
    const isSet = current !== undefined;
    const isNonEmpty = isSet && current !== '';
    const required = (present: boolean): string => {
      if (present) return current ?? '';
      if (strict) throw new Error(`required variable ${name} is missing: ${argument}`);
      missing?.add(name);
      return `missing-${name}`;
    };
    switch (operator) {
      case '':
        return current ?? '';
      case ':-':
        return isNonEmpty ? current : resolve(argument, env, strict, missing);
      case '-':
        return isSet ? current : resolve(argument, env, strict, missing);
      case ':?':
        return required(isNonEmpty);
      case '?':
        return required(isSet);
      case ':+':
        return isNonEmpty ? resolve(argument, env, strict, missing) : '';
      case '+':
        return isSet ? resolve(argument, env, strict, missing) : '';
    }
  });
}

/** Applies `transform` to every string in a parsed YAML tree (Compose substitutes values, not keys). */
function mapStrings(node: unknown, transform: (value: string) => string): unknown {
  if (typeof node === 'string') return transform(node);
  if (Array.isArray(node)) return node.map((item: unknown) => mapStrings(item, transform));
  if (isRecord(node)) {
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, mapStrings(item, transform)]));
  }
  return node;
}

function collectStrings(node: unknown, into: string[] = []): string[] {
  if (typeof node === 'string') into.push(node);
  else if (Array.isArray(node)) node.forEach((item: unknown) => collectStrings(item, into));
  else if (isRecord(node)) Object.values(node).forEach((item) => collectStrings(item, into));
  return into;
}

const envExample = parseDotenv(readRepoFile('.env.example'));
const composeText = readRepoFile('docker-compose.yml');
const rawCompose = asRecord(parse(composeText, { merge: true }) as unknown, 'docker-compose.yml');
const missingFromEnvExample = new Set<string>();
const compose = asRecord(
  mapStrings(rawCompose, (value) => resolve(value, envExample, false, missingFromEnvExample)),
  'docker-compose.yml',
);
const rawServices = asRecord(rawCompose.services, 'services');
const services = asRecord(compose.services, 'services');
const references = collectStrings(rawCompose).flatMap(referencesIn);

function service(name: string, tree: Record<string, unknown> = services): Record<string, unknown> {
  return asRecord(tree[name], `service ${name}`);
}

/** A service's environment as a record, from either the mapping or the `KEY=value` list form. */
function environmentOf(definition: Record<string, unknown>, what: string): Record<string, string> {
  const environment = definition.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry: unknown) => {
        const line = asText(entry, `${what} environment entry`);
        const eq = line.indexOf('=');
        return eq === -1 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(asRecord(environment, `${what} environment`)).map(([key, value]) => [
      key,
      asText(value ?? '', `${what} ${key}`),
    ]),
  );
}

interface BindMount {
  readonly source: string;
  readonly target: string;
}

/** The bind mounts (sources starting with ./) of a service, sources made absolute. */
function bindMountsOf(name: string): BindMount[] {
  return asList(service(name).volumes ?? [], `${name} volumes`)
    .map((entry) => asText(entry, `${name} volume`).split(':'))
    .filter(([source]) => source?.startsWith('./') === true)
    .map(([source = '', target = '']) => ({ source: path.join(repoRoot, source), target }));
}

function hasHealthcheck(definition: Record<string, unknown>): boolean {
  const healthcheck = definition.healthcheck;
  return isRecord(healthcheck) && healthcheck.disable !== true && healthcheck.test !== undefined;
}

/** The tag (or digest) an image reference is pinned to, if any. */
function pinOf(reference: string): string | undefined {
  const [name = '', digest] = reference.split('@');
  if (digest !== undefined) return /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : undefined;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  const tag = colon === -1 ? '' : lastSegment.slice(colon + 1);
  return tag === '' || tag === 'latest' ? undefined : tag;
}

/** The images a Dockerfile's FROM lines name (build stages excluded), with global ARG defaults applied. */
function baseImagesOf(dockerfile: string): string[] {
  const defaults: Record<string, string> = {};
  const stages = new Set<string>();
  const images: string[] = [];
  for (const line of dockerfile.split(/\r?\n/).map((raw) => raw.trim())) {
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)=(\S+)$/i.exec(line);
    if (arg !== null && images.length === 0) defaults[arg[1] ?? ''] = arg[2] ?? '';
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from === null) continue;
    const image = resolve(from[1] ?? '', defaults, true);
    if (!stages.has(image)) images.push(image);
    if (from[2] !== undefined) stages.add(from[2]);
  }
  return images;
}

const consumersOf = (consumer: Consumer): string[] =>
  environmentVariables
    .filter((v) => (v.consumers as readonly string[]).includes(consumer))
    .map((v) => v.name);

const expectedServices = [
  'postgres',
  'temporal-schema',
  'temporal',
  'temporal-setup',
  'temporal-ui',
  'keycloak',
  's3',
  's3-buckets',
  'migrate',
  'api',
  'worker',
  'web',
];

describe('docker-compose.yml', () => {
  it('defines every service of the stack', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(expectedServices));
  });

  it('reads only settings that .env.example names', () => {
    const unknown = [...new Set(references.map((r) => r.name))].filter((name) => !(name in envExample));
    expect(unknown.sort()).toEqual([]);
    expect([...missingFromEnvExample].sort()).toEqual([]);
  });

  it('falls back to the values of .env.example, never to other defaults', () => {
    const differing = references
      .filter((r) => r.operator === ':-' || r.operator === '-')
      .filter((r) => r.name in envExample && envExample[r.name] !== r.argument)
      .map(
        (r) =>
          `${r.name}: compose ${JSON.stringify(r.argument)}, .env.example ${JSON.stringify(envExample[r.name])}`,
      );
    expect(differing).toEqual([]);
  });

  it('requires every secret instead of defaulting it', () => {
    const secretNames = new Set([
      ...environmentVariables.filter((v) => 'secret' in v && v.secret).map((v) => v.name),
      ...Object.keys(envExample).filter((name) => /PASSWORD|SECRET/.test(name)),
    ]);
    const notRequired = references
      .filter((r) => secretNames.has(r.name) && r.operator !== ':?')
      .map((r) => `${r.name} (${r.operator === '' ? 'plain' : r.operator})`);
    expect(notRequired).toEqual([]);

    // No credential written into the file: every secret-looking value comes from a required variable.
    const literals = Object.entries(rawServices).flatMap(([name, definition]) =>
      Object.entries(environmentOf(asRecord(definition, name), name))
        .filter(([key]) => /PASSWORD|SECRET|_PWD$|ACCESS_KEY|DATABASE_URL/.test(key))
        .filter(([, value]) => !referencesIn(value).some((r) => r.operator === ':?'))
        .map(([key]) => `${name}.${key}`),
    );
    expect(literals).toEqual([]);

    // Like Compose, refuse to start the API without them.
    const apiEnvironment = environmentOf(service('api', rawServices), 'api');
    expect(() =>
      Object.values(apiEnvironment).forEach((value) => resolve(value, { S3_ACCESS_KEY: 'k' }, true)),
    ).toThrow(/required variable/);
  });

  it.each(['api', 'worker', 'web'] as const)(
    'gives the %s every variable it reads, with valid values',
    (consumer) => {
      const environment = environmentOf(service(consumer), consumer);
      const absent = consumersOf(consumer).filter((name) => !(name in environment));
      expect(absent).toEqual([]);
      expect(() => loadConfig(consumer, environment)).not.toThrow();
    },
  );

  it('lets the API and the worker talk to the stack on its internal addresses', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const environment = environmentOf(service(name), name);
      expect(environment.DATABASE_URL).toMatch(/^postgresql:\/\/eventvault:[^@]+@postgres:5432\/eventvault$/);
    }
    for (const name of ['api', 'worker']) {
      const environment = environmentOf(service(name), name);
      expect(environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', S3_ENDPOINT: 'http://s3:7070' });
    }
  });

  it('publishes each port of .env.example once, on loopback only, where the process listens', () => {
    const portSettings = Object.keys(envExample).filter((name) => name.endsWith('_PORT'));
    const published: string[] = [];
    for (const [name, definition] of Object.entries(rawServices)) {
      for (const entry of asList(asRecord(definition, name).ports ?? [], `${name} ports`)) {
        const port = asRecord(entry, `${name} port (use the long syntax)`);
        const setting = /^\$\{([A-Z0-9_]+):-(\d+)\}$/.exec(asText(port.published, `${name} published port`));
        expect({ service: name, published: port.published, setting: setting?.[1] }).toEqual({
          service: name,
          published: port.published,
          setting: expect.stringMatching(/_PORT$/) as unknown,
        });
        const [, variable = '', fallback = ''] = setting ?? [];
        expect({ variable, fallback }).toEqual({ variable, fallback: envExample[variable] });
        expect({ service: name, host_ip: port.host_ip }).toEqual({ service: name, host_ip: '127.0.0.1' });
        published.push(variable);
      }
    }
    expect([...published].sort()).toEqual([...portSettings].sort());

    // The app containers listen on the port their own variable names, and that is the port published.
    const listening: Array<[string, string[]]> = [
      ['api', ['API_PORT', 'API_METRICS_PORT']],
      ['worker', ['WORKER_METRICS_PORT']],
      ['web', ['WEB_PORT']],
    ];
    for (const [name, variables] of listening) {
      const targets = asList(service(name).ports, `${name} ports`).map((p) => asRecord(p, 'port').target);
      expect(targets.map(String)).toEqual(
        variables.map((variable) => environmentOf(service(name), name)[variable]),
      );
    }
  });

  it('pins every image to a version, and uses no deprecated Temporal auto-setup image', () => {
    expect(composeText).not.toMatch(/temporalio\/auto-setup/);
    const images = Object.entries(services)
      .map(([name, definition]) => [name, asRecord(definition, name).image] as const)
      .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string');
    const unpinned = images
      .filter(([, image]) => pinOf(image) === undefined)
      .map(([name, image]) => `${name}: ${image}`);
    expect(unpinned).toEqual([]);

    // The schema job's admin-tools and the server are the same Temporal release.
    const tag = (name: string): string | undefined => pinOf(asText(service(name).image, `${name} image`));
    expect(asText(service('temporal').image, 'image')).toMatch(/^temporalio\/server:/);
    expect(asText(service('temporal-schema').image, 'image')).toMatch(/^temporalio\/admin-tools:/);
    expect(tag('temporal-schema')).toBe(tag('temporal'));
    expect(tag('temporal-setup')).toBe(tag('temporal'));
    expect(asText(service('temporal-ui').image, 'image')).toMatch(/^temporalio\/ui:/);
    expect(asText(service('keycloak').image, 'image')).toMatch(/^quay\.io\/keycloak\/keycloak:26\./);
    expect(asText(service('postgres').image, 'image')).toMatch(/^postgres:1[56](\.|-|$)/);
    expect(asText(service('s3').image, 'image')).toMatch(/^versity\/versitygw:/);
  });

  it('builds the app images from deploy/ Dockerfiles with pinned base images', () => {
    for (const name of ['api', 'worker', 'web', 'migrate']) {
      const build = asRecord(service(name).build, `${name} build`);
      expect(build.context).toBe('.');
      const dockerfile = readRepoFile(asText(build.dockerfile, `${name} dockerfile`));
      expect(dockerfile).toMatch(/\bnpm ci\b/);
      const unpinned = baseImagesOf(dockerfile).filter((image) => pinOf(image) === undefined);
      expect(unpinned).toEqual([]);
    }
    expect(baseImagesOf(readRepoFile('deploy/web.Dockerfile')).at(-1)).toMatch(/^nginx:/);
  });

  it('waits for what a service needs: healthy services and finished one-shot jobs', () => {
    for (const [name, definition] of Object.entries(services)) {
      const dependsOn = asRecord(definition, name).depends_on;
      if (dependsOn === undefined) continue;
      for (const [dependency, options] of Object.entries(asRecord(dependsOn, `${name} depends_on`))) {
        const condition = asRecord(options, `${name} depends_on ${dependency}`).condition;
        const target = service(dependency);
        const waitsFor = { service: name, dependency, condition };
        if (target.restart === 'no') {
          expect(waitsFor).toEqual({ ...waitsFor, condition: 'service_completed_successfully' });
        } else {
          expect(waitsFor).toEqual({ ...waitsFor, condition: 'service_healthy' });
          expect({ dependency, healthcheck: hasHealthcheck(target) }).toEqual({
            dependency,
            healthcheck: true,
          });
        }
      }
    }
  });

  it('gives every long-running service a healthcheck', () => {
    const withoutHealthcheck = Object.entries(services)
      .filter(([name, definition]) => asRecord(definition, name).restart !== 'no')
      .filter(([name, definition]) => !hasHealthcheck(asRecord(definition, name)))
      .map(([name]) => name);
    expect(withoutHealthcheck).toEqual([]);
  });

  it('mounts only files that exist in the repository', () => {
    const absent = Object.keys(services)
      .flatMap(bindMountsOf)
      .filter((mount) => !fs.existsSync(mount.source))
      .map((mount) => path.relative(repoRoot, mount.source));
    expect(absent).toEqual([]);
  });

  it('creates the four databases in PostgreSQL and migrates the EventVault one before the apps start', () => {
    const init = bindMountsOf('postgres').find((mount) =>
      mount.target.startsWith('/docker-entrypoint-initdb.d/'),
    );
    expect(init).toBeDefined();
    const script = fs.readFileSync(init?.source ?? '', 'utf8');
    for (const database of ['eventvault', 'temporal', 'temporal_visibility', 'keycloak']) {
      expect(script).toMatch(new RegExp(`CREATE DATABASE ${database} `));
    }
    expect(asList(service('migrate').command, 'migrate command').join(' ')).toMatch(/migrate/);
  });

  it('imports the production realm from keycloak/realm.json, on PostgreSQL, with health enabled', () => {
    const keycloak = service('keycloak');
    const command = asList(keycloak.command, 'keycloak command').map((part) => asText(part, 'argument'));
    expect(command).toEqual(expect.arrayContaining(['start', '--import-realm']));
    expect(command).not.toContain('start-dev');
    const realmMount = bindMountsOf('keycloak').find((mount) =>
      mount.target.startsWith('/opt/keycloak/data/import/'),
    );
    expect(realmMount).toEqual({
      source: path.join(repoRoot, 'keycloak/realm.json'),
      target: expect.stringMatching(/\.json$/) as unknown,
    });
    const realm = asRecord(JSON.parse(readRepoFile('keycloak/realm.json')) as unknown, 'realm.json');
    expect(realm.realm).toBe(envExample.KEYCLOAK_REALM);
    expect(realm.users ?? []).toEqual([]);
    const environment = environmentOf(keycloak, 'keycloak');
    expect(environment).toMatchObject({
      KC_DB: 'postgres',
      KC_HEALTH_ENABLED: 'true',
      KC_HOSTNAME: envExample.KEYCLOAK_URL,
    });
    expect(environment.KC_DB_URL).toMatch(/^jdbc:postgresql:\/\/postgres:5432\/keycloak$/);
  });

  it('registers the same namespaces, search attributes and dynamic config as the Temporal dev server', () => {
    const devServer = asRecord(
      JSON.parse(readRepoFile('temporal-config/dev-server.json')) as unknown,
      'dev-server.json',
    );
    const setup = environmentOf(service('temporal-setup'), 'temporal-setup');
    const searchAttributes = Object.fromEntries(
      asText(setup.TEMPORAL_SEARCH_ATTRIBUTES, 'TEMPORAL_SEARCH_ATTRIBUTES')
        .split(/\s+/)
        .filter(Boolean)
        .map((pair): [string, string] => {
          const [name = '', type = ''] = pair.split('=');
          return [name, type];
        }),
    );
    expect(searchAttributes).toEqual(devServer.searchAttributes);
    const namespaces = new Set(
      asText(setup.TEMPORAL_NAMESPACES, 'TEMPORAL_NAMESPACES').split(/\s+/).filter(Boolean),
    );
    const devNamespaces = asList(devServer.namespaces, 'namespaces').map((ns) => asText(ns, 'namespace'));
    expect([...namespaces].sort()).toEqual(
      [...new Set([...devNamespaces, envExample.TEMPORAL_NAMESPACE])].sort(),
    );

    // The compose server's dynamic config file: mounted, named by DYNAMIC_CONFIG_FILE_PATH, same settings.
    const configPath = environmentOf(service('temporal'), 'temporal').DYNAMIC_CONFIG_FILE_PATH ?? '';
    const mount = bindMountsOf('temporal').find((m) => configPath.startsWith(`${m.target}/`));
    expect(mount).toBeDefined();
    const dynamicConfig = asRecord(
      parse(fs.readFileSync(path.join(mount?.source ?? '', path.basename(configPath)), 'utf8')) as unknown,
      'dynamic config',
    );
    const values = Object.fromEntries(
      Object.entries(dynamicConfig).map(([key, entries]) => [
        key,
        asRecord(asList(entries, key)[0], key).value,
      ]),
    );
    // Only tests need freshly registered search attributes to be visible at once; production keeps the cache.
    const devOnly = new Set(['system.forceSearchAttributesCacheRefreshOnRead']);
    const shared = Object.fromEntries(
      Object.entries(asRecord(devServer.dynamicConfig, 'dynamicConfig')).filter(([key]) => !devOnly.has(key)),
    );
    expect(values).toEqual(shared);
    expect(values['frontend.enableUpdateWorkflowExecution']).toBe(true);
  });

  it('creates both buckets with versioning, on an S3 server that keeps versions', () => {
    const app = environmentOf(service('api'), 'api');
    const buckets = environmentOf(service('s3-buckets'), 's3-buckets');
    expect(buckets).toMatchObject({
      S3_BUCKET_DOCUMENTS: app.S3_BUCKET_DOCUMENTS,
      S3_BUCKET_REPORTS: app.S3_BUCKET_REPORTS,
      S3_ENDPOINT: app.S3_ENDPOINT,
    });
    const script = bindMountsOf('s3-buckets')[0];
    expect(fs.readFileSync(script?.source ?? '', 'utf8')).toMatch(
      /put-bucket-versioning[\s\S]*Status=Enabled/,
    );
    const command = asList(service('s3').command, 's3 command').map((part) => asText(part, 'argument'));
    expect(command).toEqual(expect.arrayContaining(['posix', '--versioning-dir']));
  });
});
