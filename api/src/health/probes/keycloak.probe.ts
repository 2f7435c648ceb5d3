import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, type ApiConfig, realmUrls } from '../../config/api-config';
import { type HealthProbe } from './health-probe';

/** Keycloak is up for us when our realm's discovery document is served and names the issuer we verify against. */
@Injectable()
export class KeycloakProbe implements HealthProbe {
  readonly name = 'keycloak';
  private readonly discoveryUrl: string;
  private readonly issuer: string;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    const urls = realmUrls(config);
    this.discoveryUrl = urls.discovery;
    this.issuer = urls.issuer;
  }

  async check(signal: AbortSignal): Promise<void> {
    const response = await fetch(this.discoveryUrl, { signal, headers: { accept: 'application/json' } });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`realm discovery answered HTTP ${response.status}`);
    }
    const document = (await response.json()) as { issuer?: unknown };
    if (document.issuer !== this.issuer)
      throw new Error(`realm discovery names issuer ${String(document.issuer)}`);
  }
}
