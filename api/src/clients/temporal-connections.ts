import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/**
 * gRPC's reconnect back-off grows to 120 s by default, so after a Temporal restart the channel could stay
 * unusable for minutes; cap it so the connection is back within a couple of seconds.
 */
export const temporalChannelArgs = {
  'grpc.initial_reconnect_backoff_ms': 250,
  'grpc.max_reconnect_backoff_ms': 2_000,
} as const;

/**
 * One shared Temporal connection, dialled on first use (so the API starts while Temporal is down) and kept:
 * the gRPC channel reconnects by itself when the server comes back.
 *
 * No gRPC retry interceptor: the API answers people and health checks, so a call to an unavailable server fails
 * fast with its own error instead of retrying invisibly. The SDK's default interceptor also schedules retries on
 * timers that outlive `close()` and then throw "Channel has been shut down" outside any promise, crashing the
 * process (seen in this API's health integration test). For the same reason a live connection is never closed and
 * replaced after a failure.
 */
@Injectable()
export class TemporalConnections implements OnApplicationShutdown {
  private current: Promise<Connection> | undefined;
  readonly namespace: string;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.namespace = config.TEMPORAL_NAMESPACE;
  }

  get(): Promise<Connection> {
    if (this.current === undefined) {
      const dialling = Connection.connect({
        address: this.config.TEMPORAL_ADDRESS,
        connectTimeout: 1_500,
        channelArgs: temporalChannelArgs,
        interceptors: [],
      });
      this.current = dialling;
      // A failed first dial is not cached: the next caller dials again.
      dialling.catch(() => {
        if (this.current === dialling) this.current = undefined;
      });
    }
    return this.current;
  }

  async onApplicationShutdown(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current === undefined) return;
    try {
      await (await current).close();
    } catch {
      // It never connected: nothing to close.
    }
  }
}
