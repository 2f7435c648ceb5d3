import { RuntimeConfigError, loadRuntimeConfig, parseRuntimeConfig } from './runtime-config';

const valid = {
  keycloakUrl: 'http://127.0.0.1:8080/',
  realm: 'eventvault',
  clientId: 'eventvault-web',
  apiUrl: 'http://127.0.0.1:3000',
  temporalUiUrl: 'http://127.0.0.1:8233',
};

describe('parseRuntimeConfig', () => {
  it('accepts a complete config and drops trailing slashes from URLs', () => {
    expect(parseRuntimeConfig(valid)).toEqual({ ...valid, keycloakUrl: 'http://127.0.0.1:8080' });
  });

  it('names every missing or invalid field', () => {
    expect(() => parseRuntimeConfig({ ...valid, apiUrl: 'not a url', realm: '' })).toThrow(
      /realm must be a non-empty string.*apiUrl must be an absolute http\(s\) URL/,
    );
  });

  it('rejects something that is not an object', () => {
    expect(() => parseRuntimeConfig(['x'])).toThrow(RuntimeConfigError);
  });
});

describe('loadRuntimeConfig', () => {
  it('fetches /config.json without the HTTP cache', async () => {
    const fetchFn = vi.fn<typeof fetch>(() => Promise.resolve(new Response(JSON.stringify(valid))));
    await expect(loadRuntimeConfig(fetchFn)).resolves.toMatchObject({ realm: 'eventvault' });
    expect(fetchFn).toHaveBeenCalledWith('/config.json', expect.objectContaining({ cache: 'no-store' }));
  });

  it('fails on an HTTP error', async () => {
    const fetchFn = vi.fn<typeof fetch>(() => Promise.resolve(new Response('nope', { status: 404 })));
    await expect(loadRuntimeConfig(fetchFn, '/config.json', null)).rejects.toThrow(
      'GET /config.json answered HTTP 404',
    );
  });

  it('starts offline with the last config it read, but never hides a refusal or a first start offline', async () => {
    const storage = new Map<string, string>();
    const memory = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    };
    const offline = vi.fn<typeof fetch>(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(loadRuntimeConfig(offline, '/config.json', memory)).rejects.toThrow('Failed to fetch');

    const online = vi.fn<typeof fetch>(() => Promise.resolve(new Response(JSON.stringify(valid))));
    await loadRuntimeConfig(online, '/config.json', memory);
    await expect(loadRuntimeConfig(offline, '/config.json', memory)).resolves.toMatchObject({
      realm: 'eventvault',
    });
    const gatewayTimeout = vi.fn<typeof fetch>(() => Promise.resolve(new Response('', { status: 504 })));
    await expect(loadRuntimeConfig(gatewayTimeout, '/config.json', memory)).resolves.toMatchObject({
      apiUrl: 'http://127.0.0.1:3000',
    });
    const refused = vi.fn<typeof fetch>(() => Promise.resolve(new Response('nope', { status: 404 })));
    await expect(loadRuntimeConfig(refused, '/config.json', memory)).rejects.toThrow('HTTP 404');
  });
});
