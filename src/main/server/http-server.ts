/**
 * The HTTP side of `serve`: GET /metrics and GET /healthz, nothing else. With a token, every request must carry
 * it (401 otherwise, before anything is read or computed); requests are small and short by construction.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { JsonLogger } from './json-log';

export interface Routes {
  metrics(): Promise<{ contentType: string; body: string }>;
  /** Answered 200 while the server runs: the body says how each account's data is. */
  health(): unknown;
}

export function createSpendwatchServer(
  routes: Routes,
  options: { authorized: ((header: string | undefined) => boolean) | null; log: JsonLogger },
): Server {
  // Timeouts checked every second (Node's default is 30 s): a client sending its headers slowly is cut off at 10 s.
  const server = createServer(
    { requestTimeout: 15_000, headersTimeout: 10_000, maxHeaderSize: 8 * 1024, connectionsCheckingInterval: 1_000 },
    (req, res) => {
      void handle(req, res).catch((error) => {
        options.log.error('Request failed', error);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
        else res.destroy();
      });
    },
  );
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Bodies are never wanted: whatever a client sends is drained, not buffered.
    req.resume();
    if (options.authorized && !options.authorized(req.headers.authorization)) {
      res.setHeader('www-authenticate', 'Bearer realm="spendwatch"');
      return send(res, 401, 'text/plain; charset=utf-8', 'unauthorized\n');
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' && path !== '/healthz')
      return send(res, 404, 'text/plain; charset=utf-8', 'not found: try /metrics or /healthz\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    if (path === '/metrics') {
      const { contentType, body } = await routes.metrics();
      return send(res, 200, contentType, req.method === 'HEAD' ? '' : body);
    }
    return send(res, 200, 'application/json', req.method === 'HEAD' ? '' : `${JSON.stringify(routes.health())}\n`);
  }

  return server;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}
