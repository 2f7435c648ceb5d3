import { SignJWT, UnsecuredJWT } from 'jose';
import { ApiError } from '../errors/api-error';
import { LocalIdentityProvider } from '../testing/local-identity-provider';
import { keycloakSigningKeys, TokenVerifier } from './token-verifier';

/** TokenVerifier on its own, against a local JWKS served over HTTP (jose's real remote key set). */
describe('TokenVerifier', () => {
  let idp: LocalIdentityProvider;

  beforeAll(async () => {
    idp = await LocalIdentityProvider.start();
  });

  afterAll(() => idp.stop());
  afterEach(() => idp.setFailing(false));

  const verifier = (overrides: Record<string, string> = {}): TokenVerifier => {
    const config = idp.config(overrides);
    return new TokenVerifier(config, keycloakSigningKeys(config));
  };

  async function refusal(verify: Promise<unknown>): Promise<{ code: string; message: string }> {
    const error = await verify.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
    return { code: error.code, message: error.message };
  }

  const invalid = { code: 'UNAUTHENTICATED', message: 'Token is not valid' };

  it('accepts a token of the realm, for the API, within its lifetime, and returns its claims', async () => {
    const claims = await verifier().verify(await idp.sign(idp.userClaims()));
    expect(claims).toMatchObject({ iss: idp.issuer, aud: 'eventvault-api', org: 'kalahari-live' });
  });

  it('refuses another issuer, even with a trusted key', async () => {
    const token = await idp.sign(idp.userClaims(), { issuer: `${idp.url}/realms/master` });
    expect(await refusal(verifier().verify(token))).toEqual(invalid);
  });

  it('refuses a token that names the issuer under another host name', async () => {
    const token = await idp.sign(idp.userClaims(), { issuer: idp.issuer.replace('127.0.0.1', 'localhost') });
    expect(await refusal(verifier().verify(token))).toEqual(invalid);
  });

  it.each([
    ['another client', 'account'],
    ['no audience at all', []],
  ])('refuses a token for %s', async (_case, audience) => {
    const token = await idp.sign(idp.userClaims(), { audience });
    expect(await refusal(verifier().verify(token))).toEqual(invalid);
  });

  it('accepts a token whose audiences include the API', async () => {
    const token = await idp.sign(idp.userClaims(), { audience: ['account', 'eventvault-api'] });
    await expect(verifier().verify(token)).resolves.toMatchObject({ sub: expect.any(String) as string });
  });

  it('honours API_AUDIENCE', async () => {
    const token = await idp.sign(idp.userClaims(), { audience: 'eventvault-api' });
    expect(await refusal(verifier({ API_AUDIENCE: 'another-api' }).verify(token))).toEqual(invalid);
  });

  it('tolerates expiry within TOKEN_CLOCK_SKEW_SECONDS and refuses it beyond', async () => {
    const expiredTenSecondsAgo = await idp.sign(idp.userClaims(), { expiresIn: -10 });
    await expect(
      verifier({ TOKEN_CLOCK_SKEW_SECONDS: '30' }).verify(expiredTenSecondsAgo),
    ).resolves.toBeDefined();
    expect(await refusal(verifier({ TOKEN_CLOCK_SKEW_SECONDS: '5' }).verify(expiredTenSecondsAgo))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Token has expired',
    });
    const expiredLongAgo = await idp.sign(idp.userClaims(), { expiresIn: -3600 });
    expect(await refusal(verifier({ TOKEN_CLOCK_SKEW_SECONDS: '30' }).verify(expiredLongAgo))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Token has expired',
    });
  });

  it.each([
    ['signed with a key the JWKS does not publish (same kid)', { rogueKey: true }],
    ['naming a kid the JWKS does not have', { kid: 'rotated-away' }],
  ])('refuses a forged token %s', async (_case, options) => {
    const token = await idp.sign(idp.userClaims(), options);
    expect((await refusal(verifier().verify(token))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses HS256 (a key-confusion forgery) and unsigned tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const hs256 = await new SignJWT(idp.userClaims())
      .setProtectedHeader({ alg: 'HS256', kid: idp.kid })
      .setIssuer(idp.issuer)
      .setAudience('eventvault-api')
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(JSON.stringify(idp.jwks.keys[0])));
    const unsigned = new UnsecuredJWT(idp.userClaims())
      .setIssuer(idp.issuer)
      .setAudience('eventvault-api')
      .setExpirationTime(now + 300)
      .encode();
    expect(await refusal(verifier().verify(hs256))).toEqual(invalid);
    expect(await refusal(verifier().verify(unsigned))).toEqual(invalid);
  });

  it('refuses a token without a subject', async () => {
    const token = await idp.sign(idp.userClaims({ sub: undefined }));
    expect(await refusal(verifier().verify(token))).toEqual(invalid);
  });

  it('answers DEPENDENCY_DOWN, not a refusal, when the key set cannot be fetched', async () => {
    idp.setFailing(true);
    const token = await idp.sign(idp.userClaims());
    expect((await refusal(verifier().verify(token))).code).toBe('DEPENDENCY_DOWN');
  });
});
