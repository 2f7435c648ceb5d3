/**
 * Static server for the built web app (`npm run serve -w web`, or `tsx web/tools/serve.ts`).
 * Serves web/dist/web/browser from memory with an SPA fallback, answers /config.json from the environment
 * (so one build runs in dev, test and docker) and /healthz, and stops cleanly on SIGTERM/SIGINT.
 * Node built-ins only.
 *
 * Options: --dist DIR (default: the production build beside this file), --host HOST (default $BIND_HOST,
 * else 127.0.0.1; a container needs 0.0.0.0).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Defaults match activities/src/config/environment.ts. */
const environmentDefaults = {
  KEYCLOAK_URL: 'http://127.0.0.1:8080',
  KEYCLOAK_REALM: 'eventvault',
  WEB_CLIENT_ID: 'eventvault-web',
  API_URL: 'http://127.0.0.1:3000',
  TEMPORAL_UI_URL: 'http://127.0.0.1:8233',
  S3_ENDPOINT: 'http://127.0.0.1:7070',
  WEB_PORT: '4200',
  BIND_HOST: '127.0.0.1',
} as const;

type EnvironmentName = keyof typeof environmentDefaults;

/** The shape the app reads from /config.json (src/app/core/config/runtime-config.ts). */
export interface WebRuntimeConfig {
  readonly keycloakUrl: string;
  readonly realm: string;
  readonly clientId: string;
  readonly apiUrl: string;
  readonly temporalUiUrl: string;
}

export interface WebServerSettings {
  readonly host: string;
  readonly port: number;
  readonly distDir: string;
  readonly runtimeConfig: WebRuntimeConfig;
  /** Where presigned document links point (previews are shown in an img or iframe from there). */
  readonly documentsOrigin: string;
}

export class WebServerConfigError extends Error {
  override readonly name = 'WebServerConfigError';
}

export const defaultDistDir = path.resolve(__dirname, '..', 'dist', 'web', 'browser');

/** Reads and validates the environment once; throws one error naming every bad value. */
export function readSettings(
  env: NodeJS.ProcessEnv,
  options: { readonly distDir?: string; readonly host?: string } = {},
): WebServerSettings {
  const problems: string[] = [];
  const value = (name: EnvironmentName): string => env[name] ?? environmentDefaults[name];
  const text = (name: EnvironmentName): string => {
    const raw = value(name).trim();
    if (raw === '') problems.push(`${name} must not be empty`);
    return raw;
  };
  const url = (name: EnvironmentName): string => {
    const raw = text(name);
    let valid = false;
    try {
      const parsed = new URL(raw);
      valid = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      valid = false;
    }
    if (!valid) problems.push(`${name} must be an absolute http(s) URL (got ${JSON.stringify(raw)})`);
    return raw.replace(/\/+$/, '');
  };
  const host = options.host ?? text('BIND_HOST');
  const portText = text('WEB_PORT');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    problems.push(`WEB_PORT must be a TCP port (1-65535) (got ${JSON.stringify(portText)})`);
  }
  const runtimeConfig: WebRuntimeConfig = {
    keycloakUrl: url('KEYCLOAK_URL'),
    realm: text('KEYCLOAK_REALM'),
    clientId: text('WEB_CLIENT_ID'),
    apiUrl: url('API_URL'),
    temporalUiUrl: url('TEMPORAL_UI_URL'),
  };
  const documentsEndpoint = url('S3_ENDPOINT');
  if (problems.length > 0) {
    throw new WebServerConfigError(`Invalid configuration for web:\n  ${problems.join('\n  ')}`);
  }
  return {
    host,
    port,
    distDir: path.resolve(options.distDir ?? defaultDistDir),
    runtimeConfig,
    documentsOrigin: new URL(documentsEndpoint).origin,
  };
}

interface StaticFile {
  readonly extraHeaders?: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly gzipped: Buffer | null;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly etag: string;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

const compressible = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.txt',
  '.svg',
  '.webmanifest',
]);
/** Angular's build puts an 8-character content hash in every emitted file name. */
const hashedName = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

function staticFile(body: Buffer, extension: string, cacheControl: string): StaticFile {
  const gzipped = compressible.has(extension) && body.length > 1024 ? gzipSync(body) : null;
  return {
    body,
    gzipped,
    contentType: contentTypes[extension] ?? 'application/octet-stream',
    cacheControl,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/** The service worker's own files must be revalidated every time, or an old app version never leaves. */
const serviceWorkerFiles = new Set([
  'ngsw.json',
  'ngsw-worker.js',
  'safety-worker.js',
  'worker-basic.min.js',
]);

function cacheControlFor(relativePath: string, extension: string): string {
  if (extension === '.html' || serviceWorkerFiles.has(relativePath)) return 'no-cache';
  if (hashedName.test(relativePath)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

function websocketOrigin(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.origin;
}

function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const content = match[1] ?? '';
    if (content.trim() !== '')
      hashes.push(`'sha256-${createHash('sha256').update(content).digest('base64')}'`);
  }
  return hashes;
}

/**
 * The page may run only its own scripts (and the inline ones it was built with, by hash), talk only to the API and
 * Keycloak, and frame only Keycloak's silent sign-in check and document previews. Styles stay 'unsafe-inline':
 * Angular and Material add component styles at run time.
 */
export function contentSecurityPolicy(
  html: string,
  runtimeConfig: WebRuntimeConfig,
  documentsOrigin: string,
): string {
  const api = new URL(runtimeConfig.apiUrl).origin;
  const keycloak = new URL(runtimeConfig.keycloakUrl).origin;
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inlineScriptHashes(html)].join(' '),
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${documentsOrigin}`,
    "font-src 'self' data:",
    `connect-src 'self' ${api} ${websocketOrigin(runtimeConfig.apiUrl)} ${keycloak} ${documentsOrigin}`,
    `frame-src 'self' ${keycloak} ${documentsOrigin}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${keycloak}`,
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Loads the whole build into memory: it is small, immutable while served, and lookups need no path checks. */
export function loadSite(
  distDir: string,
  runtimeConfig: WebRuntimeConfig,
  documentsOrigin: string,
): ReadonlyMap<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        walk(absolute);
      } else if (entry.isFile()) {
        const relative = path.relative(distDir, absolute).split(path.sep).join('/');
        const extension = path.extname(entry.name).toLowerCase();
        const body = readFileSync(absolute);
        const file = staticFile(body, extension, cacheControlFor(relative, extension));
        files.set(
          `/${relative}`,
          extension === '.html'
            ? {
                ...file,
                extraHeaders: {
                  'Content-Security-Policy': contentSecurityPolicy(
                    body.toString('utf8'),
                    runtimeConfig,
                    documentsOrigin,
                  ),
                },
              }
            : file,
        );
      }
    }
  };
  if (!statSync(distDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new WebServerConfigError(`No build at ${distDir}: run \`npm run build -w web\` first`);
  }
  walk(distDir);
  if (!files.has('/index.html')) throw new WebServerConfigError(`${distDir} has no index.html`);
  // Replaces the build's dev config.json: the environment decides where Keycloak and the API are.
  files.set(
    '/config.json',
    staticFile(Buffer.from(`${JSON.stringify(runtimeConfig, null, 2)}\n`), '.json', 'no-store'),
  );
  return files;
}

const securityHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  file: StaticFile,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  const headers: Record<string, string> = {
    ...securityHeaders,
    ...file.extraHeaders,
    'Content-Type': file.contentType,
    'Cache-Control': file.cacheControl,
    ETag: file.etag,
    Vary: 'Accept-Encoding',
    ...extraHeaders,
  };
  if (status === 200 && request.headers['if-none-match'] === file.etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const acceptsGzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  const body = acceptsGzip && file.gzipped !== null ? file.gzipped : file.body;
  if (body === file.gzipped) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(body.length);
  response.writeHead(status, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(`${text}\n`);
}

export function createRequestHandler(
  site: ReadonlyMap<string, StaticFile>,
): (request: IncomingMessage, response: ServerResponse) => void {
  const health = staticFile(Buffer.from('{"status":"ok"}\n'), '.json', 'no-store');
  const index = site.get('/index.html');
  if (index === undefined) throw new WebServerConfigError('The site has no index.html');
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://web.invalid').pathname);
    } catch {
      sendText(response, 400, 'Bad Request');
      return;
    }
    if (pathname === '/healthz') {
      send(request, response, 200, health);
      return;
    }
    const file = site.get(pathname === '/' ? '/index.html' : pathname);
    if (file !== undefined) {
      send(request, response, 200, file);
      return;
    }
    // A path with a file extension is a missing asset; anything else is a client-side route.
    if (path.posix.extname(pathname) !== '') {
      sendText(response, 404, 'Not Found');
      return;
    }
    send(request, response, 200, index);
  };
}

export interface RunningWebServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebServer(settings: WebServerSettings): Promise<RunningWebServer> {
  const site = loadSite(settings.distDir, settings.runtimeConfig, settings.documentsOrigin);
  const server = createServer(createRequestHandler(site));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

function parseArguments(argv: readonly string[]): { distDir?: string; host?: string } {
  const options: { distDir?: string; host?: string } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const next = argv[i + 1];
    if ((flag === '--dist' || flag === '--host') && next !== undefined) {
      if (flag === '--dist') options.distDir = next;
      else options.host = next;
      i += 1;
    } else {
      throw new WebServerConfigError(`Unknown or incomplete argument ${JSON.stringify(flag)}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const settings = readSettings(process.env, parseArguments(process.argv.slice(2)));
  const running = await startWebServer(settings);
  console.log(`web: serving ${settings.distDir} at ${running.url}`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`web: ${signal} received, closing`);
    // Requests in flight get a moment to finish; keep-alive connections must not hold the exit.
    const force = setTimeout(() => running.server.closeAllConnections(), 3_000);
    force.unref();
    running.close().then(
      () => {
        console.log('web: stopped');
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error('web: error while closing', error);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
