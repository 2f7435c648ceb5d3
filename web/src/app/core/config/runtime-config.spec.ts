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
    await expect(loadRuntimeConfig(fetchFn)).rejects.toThrow('GET /config.json answered HTTP 404');
  });
});
