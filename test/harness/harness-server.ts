/**
 * The browser test harness: the real core in Node (demo data, or the accounts in the given data dir),
 * the built renderer on 127.0.0.1, and window.spendwatch over a WebSocket guarded by a random
 * per-run token. Notifications and tray updates are recorded for tests. Never bundled into the app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { META_CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { createNodeSpendwatch } from '../../src/main/core/compose-node';
import { trayText } from '../../src/main/electron/tray-text';
import type { TrayView } from '../../src/main/electron/tray';
import { createIpcHandlers } from '../../src/main/handlers/handlers';
import { dispatchIpc } from '../../src/main/handlers/dispatch';
import type { Notification, SecretVault } from '../../src/main/core/ports';
import type { CoreDependencies } from '../../src/main/core/use-cases/wire-core';

export interface Recorded {
  notifications: Notification[];
  tray: TrayView[];
  openedExternal: string[];
}

export interface HarnessOptions {
  dataDir: string;
  rendererDir?: string;
  port?: number;
  vault?: SecretVault;
  overrides?: Partial<CoreDependencies>;
  startScheduler?: boolean;
  /**
   * Serve the build's files (all but the page itself, which the harness rewrites) as cacheable, so a browser
   * profile loads them from its cache, as the app's windows load them from app:// without any network. Off by
   * default, so tests always load what was just built; the UI benchmark turns it on, with a fresh profile.
   */
  cacheAssets?: boolean;
}

export interface Harness {
  url: string;
  port: number;
  token: string;
  recorded: Recorded;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(import.meta.dirname, 'bridge-client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = options.rendererDir ?? resolve('out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No renderer build in ${rendererDir}. Run: npx vite build --config src/renderer/vite.config.ts`);
  }
  const token = randomBytes(24).toString('hex');
  const recorded: Recorded = { notifications: [], tray: [], openedExternal: [] };
  const sockets = new Set<WebSocket>();
  const broadcast = (event: string, payload: unknown) => {
    const message = JSON.stringify({ event, payload });
    for (const socket of sockets) socket.send(message);
  };
  const core = createNodeSpendwatch({
    dataDir: options.dataDir,
    vault: options.vault,
    emit: broadcast,
    notifier: { notify: (n) => recorded.notifications.push(n) },
    overrides: options.overrides,
  });
  // As the app's main process does (src/main/electron/main.ts): the tray follows every data change.
  core.onEvent((event) => {
    if (event === 'snapshotChanged') recorded.tray.push(trayText(core.queries.trayFacts()));
  });
  const handlers = createIpcHandlers(core, { openExternal: (url) => void recorded.openedExternal.push(url) });
  const bridgeJs = await bundleBridge();
  let port = 0;

  const server = createServer((req, res) => serve(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });

  function serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/t\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (!match || !sameToken(match[1], token)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const path = match[2];
    if (path === '/__harness/bridge.js') return send(res, 200, MIME['.js'], bridgeJs);
    if (path === '/__harness/recorded') return send(res, 200, MIME['.json'], JSON.stringify(recorded));
    if (path === '/' || path === '/index.html') return send(res, 200, MIME['.html'], indexHtml());
    const file = normalize(join(rendererDir, decodeURIComponent(path)));
    if (!file.startsWith(rendererDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const cacheable = options.cacheAssets === true;
    send(
      res,
      200,
      MIME[extname(file)] ?? 'application/octet-stream',
      readFileSync(file),
      cacheable ? 'max-age=31536000, immutable' : 'no-store',
    );
  }

  function indexHtml(): string {
    const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
    // Same strict CSP as the app, plus this harness's own WebSocket.
    const csp = META_CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ws://127.0.0.1:${port}`);
    return html
      .replace(
        /<meta http-equiv="Content-Security-Policy"[^>]*>/,
        `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
      )
      .replace('<script type="module"', '<script src="./__harness/bridge.js"></script>\n    <script type="module"');
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/t\/([^/]+)\/ws$/.exec(url.pathname);
    if (!match || !sameToken(match[1], token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', async (data) => {
        let message: { id?: unknown; channel?: unknown; input?: unknown };
        try {
          message = JSON.parse(String(data));
        } catch {
          return;
        }
        if (typeof message.id !== 'number' || typeof message.channel !== 'string') return;
        const result = await dispatchIpc(handlers, message.channel, message.input);
        ws.send(JSON.stringify({ id: message.id, result }));
      });
    });
  });

  await new Promise<void>((r) => server.listen(options.port ?? 0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  recorded.tray.push(trayText(core.queries.trayFacts()));
  if (options.startScheduler) core.sync.start();

  return {
    url: `http://127.0.0.1:${port}/t/${token}/`,
    port,
    token,
    recorded,
    close: async () => {
      core.sync.stop();
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cacheControl = 'no-store',
): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': cacheControl });
  res.end(body);
}
