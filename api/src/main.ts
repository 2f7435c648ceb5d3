import 'reflect-metadata';
import { createApiApp } from './app.factory';
import { integerSetting, loadApiConfig } from './config/api-config';
import { JsonLogger } from './logging/json-logger';
import { ApiMetrics } from './metrics/api-metrics';

/** If a shutdown hook hangs, exit anyway so an orchestrator's restart is not blocked. */
const SHUTDOWN_GRACE_MS = 15_000;

async function bootstrap(): Promise<void> {
  const config = loadApiConfig();
  const logger = new JsonLogger(config.LOG_LEVEL);
  const app = await createApiApp(config, { logger });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.record('log', 'shutting down', { signal }, 'Bootstrap');
      setTimeout(() => {
        logger.record(
          'error',
          'shutdown took too long; exiting',
          { graceMs: SHUTDOWN_GRACE_MS },
          'Bootstrap',
        );
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
    });
  }
  const port = integerSetting(config, 'API_PORT');
  // Metrics on a port of their own: scraped from the internal network, never published with the API.
  const metricsPort = integerSetting(config, 'API_METRICS_PORT');
  await app.get(ApiMetrics).listen(metricsPort, config.BIND_HOST);
  await app.listen(port, config.BIND_HOST);
  logger.record(
    'log',
    'api listening',
    {
      url: `http://${config.BIND_HOST}:${port}`,
      metrics: `http://${config.BIND_HOST}:${metricsPort}/metrics`,
    },
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) => {
  new JsonLogger('error').record('fatal', 'api failed to start', { err: error }, 'Bootstrap');
  process.exit(1);
});
