import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The API's Prometheus metrics: requests by route pattern (never the raw path, which would hold ids), method and
 * status, their latency, and Node's default process metrics. One registry per app instance, so tests that boot
 * several apps in one process count separately.
 */
@Injectable()
export class ApiMetrics implements OnApplicationShutdown {
  private server: Server | undefined;
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'eventvault_api_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'eventvault_api_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'eventvault_api_' });
  }

  /** Express middleware: counts and times every request once it is answered. */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      const stop = this.durations.startTimer();
      res.on('finish', () => {
        const labels = { route: routeOf(req), method: req.method, status: String(res.statusCode) };
        this.requests.inc(labels);
        stop(labels);
      });
      next();
    };
  }

  /** Serves GET /metrics on its own port (nothing else there), bound to `host`. */
  async listen(port: number, host: string): Promise<Server> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': this.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return server;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The route pattern Express matched ("/invoices/uploads/:workflowId"), "/graphql", or "unmatched". */
function routeOf(req: Request): string {
  const route = (req as { route?: unknown }).route as { path?: unknown } | undefined;
  if (typeof route?.path === 'string') return `${req.baseUrl}${route.path}`;
  const path = req.originalUrl.split('?')[0] ?? '';
  if (path === '/graphql') return '/graphql';
  return 'unmatched';
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
