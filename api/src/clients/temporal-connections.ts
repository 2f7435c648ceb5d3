import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/**
 * Hands out one shared Temporal connection, opened on first use. A caller that sees the connection fail calls
 * `discard`, so the next caller dials again instead of waiting out gRPC's reconnect back-off (up to minutes)
 * after the Temporal server restarts.
 */
@Injectable()
export class TemporalConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('TemporalConnections');
  private current: Promise<Connection> | undefined;
  readonly namespace: string;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.namespace = config.TEMPORAL_NAMESPACE;
  }

  get(): Promise<Connection> {
    if (this.current === undefined) {
      const dialling = Connection.connect({ address: this.config.TEMPORAL_ADDRESS, connectTimeout: 2_000 });
      this.current = dialling;
      // A failed dial must not be cached.
      dialling.catch(() => {
        if (this.current === dialling) this.current = undefined;
      });
    }
    return this.current;
  }

  /** Drops the shared connection (if it is still `connection`) and closes it in the background. */
  discard(connection: Connection): void {
    const current = this.current;
    if (current === undefined) return;
    void current.then(
      (shared) => {
        if (shared !== connection) return;
        if (this.current === current) this.current = undefined;
        shared.close().catch((error: unknown) => this.logger.debug({ msg: 'closing a broken Temporal connection failed', err: error }));
      },
      () => undefined,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current === undefined) return;
    try {
      await (await current).close();
    } catch {
      // It never connected, or is already gone: nothing to close.
    }
  }
}
