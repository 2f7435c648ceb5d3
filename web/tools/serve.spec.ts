import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { type RunningWebServer, WebServerConfigError, readSettings, startWebServer } from './serve';

const indexHtml = '<!doctype html><html><body><app-root></app-root></body></html>';
const silentCheckInline = 'parent.postMessage(location.href, location.origin);';
const silentCheckHtml = `<!doctype html><html><body><script>${silentCheckInline}</script></body></html>`;
const bigScript = `console.log(${JSON.stringify('x'.repeat(4000))});`;

function makeDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'eventvault-web-dist-'));
  mkdirSync(path.join(dir, 'media'));
  writeFileSync(path.join(dir, 'index.html'), indexHtml);
  writeFileSync(path.join(dir, 'main-ABCD1234.js'), bigScript);
  writeFileSync(path.join(dir, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
  writeFileSync(path.join(dir, 'media', 'font-WXYZ5678.woff2'), Buffer.from([1, 2, 3]));
  writeFileSync(path.join(dir, 'config.json'), '{"apiUrl":"http://dev-default"}');
  writeFileSync(path.join(dir, 'silent-check-sso.html'), silentCheckHtml);
  writeFileSync(path.join(dir, 'ngsw-worker.js'), 'self.addEventListener("fetch", () => undefined);');
  writeFileSync(path.join(dir, 'ngsw.json'), '{"configVersion":1}');
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

describe('readSettings', () => {
  it('applies the defaults of activities/src/config/environment.ts', () => {
    const settings = readSettings({});
    expect(settings.host).toBe('127.0.0.1');
    expect(settings.port).toBe(4200);
    expect(settings.distDir).toBe(path.resolve(__dirname, '..', 'dist', 'web', 'browser'));
    expect(settings.runtimeConfig).toEqual({
      keycloakUrl: 'http://127.0.0.1:8080',
      realm: 'eventvault',
      clientId: 'eventvault-web',
      apiUrl: 'http://127.0.0.1:3000',
      temporalUiUrl: 'http://127.0.0.1:8233',
    });
  });

  it('reads the environment and names every invalid value', () => {
    expect(
      readSettings({
        API_URL: 'https://api.example.test/',
        KEYCLOAK_REALM: 'other',
        WEB_PORT: '14200',
        BIND_HOST: '0.0.0.0',
      }),
    ).toMatchObject({
      host: '0.0.0.0',
      port: 14200,
      runtimeConfig: { apiUrl: 'https://api.example.test', realm: 'other' },
    });
    expect(readSettings({ BIND_HOST: '0.0.0.0' }, { host: '::1' }).host).toBe('::1');
    expect(() => readSettings({ WEB_PORT: '70000', KEYCLOAK_URL: 'keycloak:8080' })).toThrow(
      /WEB_PORT must be a TCP port[\s\S]*KEYCLOAK_URL must be an absolute http\(s\) URL/,
    );
  });
});

describe('the web server', () => {
  let dist: string;
  let running: RunningWebServer;

  beforeAll(async () => {
    dist = makeDist();
    running = await startWebServer({
      ...readSettings(
        { API_URL: 'http://127.0.0.1:13000', WEB_PORT: '4200', S3_ENDPOINT: 'http://127.0.0.1:17070/' },
        { distDir: dist },
      ),
      port: 0,
    });
  });

  function policy(response: Response): Map<string, string[]> {
    const header = response.headers.get('content-security-policy') ?? '';
    return new Map(
      header
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .filter((parts) => parts[0] !== '')
        .map(([name = '', ...values]) => [name, values]),
    );
  }

  it('sends pages with a policy that allows only our scripts, the API, Keycloak and document previews', async () => {
    const page = policy(await get('/inbox'));
    expect(page.get('script-src')).toEqual(["'self'"]);
    expect(page.get('object-src')).toEqual(["'none'"]);
    expect(page.get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:13000',
      'ws://127.0.0.1:13000',
      'http://127.0.0.1:8080',
      'http://127.0.0.1:17070',
    ]);
    expect(page.get('img-src')).toContain('http://127.0.0.1:17070');
    expect(page.get('frame-src')).toEqual(["'self'", 'http://127.0.0.1:8080', 'http://127.0.0.1:17070']);
    expect(page.get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('lets the silent sign-in check run its one inline script, by hash, and nothing else inline', async () => {
    const hash = createHash('sha256').update(silentCheckInline).digest('base64');
    expect(policy(await get('/silent-check-sso.html')).get('script-src')).toEqual([
      "'self'",
      `'sha256-${hash}'`,
    ]);
  });

  it('makes browsers revalidate the service worker and its manifest every time', async () => {
    expect((await get('/ngsw-worker.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/ngsw.json')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/main-ABCD1234.js')).headers.get('content-security-policy')).toBeNull();
  });

  afterAll(async () => {
    await running.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (pathname: string, init?: RequestInit): Promise<Response> =>
    fetch(`${running.url}${pathname}`, init);

  it('answers /healthz', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves /config.json from the environment, never cached, instead of the build’s file', async () => {
    const response = await get('/config.json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({
      apiUrl: 'http://127.0.0.1:13000',
      clientId: 'eventvault-web',
    });
  });

  it('falls back to index.html for client-side routes, but not for missing files', async () => {
    const route = await get('/finance-review/invoices/42');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toBe(indexHtml);
    expect((await get('/chunk-MISSING1.js')).status).toBe(404);
  });

  it('caches hashed files for a year and compresses text for clients that accept gzip', async () => {
    const script = await get('/main-ABCD1234.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(bigScript);
    const font = await get('/media/font-WXYZ5678.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(Buffer.from(await font.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
  });

  function rawGet(
    pathname: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number | undefined; encoding: string | undefined; body: Buffer }> {
    return new Promise((resolve, reject) => {
      // node:http sends the path as written (fetch would normalise it) and adds no Accept-Encoding of its own.
      request(`${running.url}/`, { path: pathname, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            encoding: response.headers['content-encoding'],
            body: Buffer.concat(chunks),
          }),
        );
      })
        .on('error', reject)
        .end();
    });
  }

  it('sends gzip bytes only when asked to', async () => {
    const zipped = await rawGet('/main-ABCD1234.js', { 'Accept-Encoding': 'gzip, br' });
    expect(zipped.encoding).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe(bigScript);
    const plain = await rawGet('/main-ABCD1234.js');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe(bigScript);
  });

  it('answers a matching ETag with 304', async () => {
    const first = await get('/favicon.ico');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await get('/favicon.ico', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('never serves files outside the build', async () => {
    expect((await rawGet('/../../package.json')).status).toBe(404);
    expect((await rawGet('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await rawGet('/..%2f..%2fpackage.json')).status).toBe(404);
  });

  it('refuses other methods', async () => {
    const response = await get('/', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses to start without a build', async () => {
    await expect(
      startWebServer({ ...readSettings({}, { distDir: path.join(dist, 'nowhere') }), port: 0 }),
    ).rejects.toThrow(WebServerConfigError);
  });
});

describe('tools/serve.ts as a process', () => {
  let child: ChildProcess | undefined;
  let dist: string;

  beforeAll(() => {
    dist = makeDist();
  });

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dist, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1:$WEB_PORT and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve.ts'), '--dist', dist], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, WEB_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const process_ = child;
    let output = '';
    process_.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    process_.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => process_.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + 20_000;
    while (!output.includes(`http://127.0.0.1:${port}`)) {
      if (Date.now() > deadline || process_.exitCode !== null)
        throw new Error(`server did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    process_.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('web: stopped');
  }, 30_000);
});
