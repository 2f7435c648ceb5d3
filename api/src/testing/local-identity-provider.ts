import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { loadConfig } from '@eventvault/activities';
import { type ApiConfig } from '../config/api-config';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TokenOptions {
  readonly issuer?: string;
  readonly audience?: string | string[];
  /** Seconds from now; negative for an expired token. */
  readonly expiresIn?: number;
  /** Sign with a key the JWKS does not publish (same kid), i.e. a forged token. */
  readonly rogueKey?: boolean;
  readonly kid?: string;
}

/**
 * A stand-in for Keycloak in unit tests: serves a realm's JWKS and discovery document over loopback HTTP and
 * signs RS256 tokens, so the guard is exercised through jose's real remote key set.
 */
export class LocalIdentityProvider {
  static readonly realm = 'eventvault';
  private failing = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly trustedKey: SigningKey,
    private readonly rogueKey: SigningKey,
    private readonly publicJwk: JWK,
    readonly kid: string,
  ) {}

  static async start(): Promise<LocalIdentityProvider> {
    const trusted = await generateKeyPair('RS256', { extractable: true });
    const rogue = await generateKeyPair('RS256', { extractable: true });
    const kid = 'local-test-key';
    const publicJwk = { ...(await exportJWK(trusted.publicKey)), kid, alg: 'RS256', use: 'sig' };
    const started: { provider?: LocalIdentityProvider } = {};
    const server = createServer((req, res) => {
      const provider = started.provider;
      const realmPath = `/realms/${LocalIdentityProvider.realm}`;
      if (provider === undefined || provider.failing) {
        res.writeHead(500).end();
      } else if (req.url === `${realmPath}/protocol/openid-connect/certs`) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
      } else if (req.url === `${realmPath}/.well-known/openid-configuration`) {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ issuer: provider.issuer }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const provider = new LocalIdentityProvider(
      server,
      `http://127.0.0.1:${port}`,
      trusted.privateKey,
      rogue.privateKey,
      publicJwk,
      kid,
    );
    started.provider = provider;
    return provider;
  }

  get issuer(): string {
    return `${this.url}/realms/${LocalIdentityProvider.realm}`;
  }

  /** The API configuration pointing at this provider (other settings at their defaults). */
  config(overrides: Record<string, string> = {}): ApiConfig {
    return loadConfig('api', {
      KEYCLOAK_URL: this.url,
      KEYCLOAK_INTERNAL_URL: this.url,
      KEYCLOAK_REALM: LocalIdentityProvider.realm,
      LOG_LEVEL: 'error',
      ...overrides,
    });
  }

  /** Makes the key endpoint answer 500 (true) or work again (false). */
  setFailing(failing: boolean): void {
    this.failing = failing;
  }

  async sign(claims: JWTPayload, options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? this.kid })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? 'eventvault-api')
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 300))
      .sign(options.rogueKey === true ? this.rogueKey : this.trustedKey);
  }

  /** A typical Keycloak access token for a demo user. */
  userClaims(overrides: JWTPayload = {}): JWTPayload {
    return {
      sub: 'f7c1a2b4-0000-4000-8000-000000000001',
      preferred_username: 'finance@kalahari.demo',
      org: 'kalahari-live',
      realm_access: { roles: ['finance', 'default-roles-eventvault', 'offline_access'] },
      acr: '1',
      auth_time: Math.floor(Date.now() / 1000) - 60,
      azp: 'eventvault-web',
      typ: 'Bearer',
      ...overrides,
    };
  }

  get jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
