/**
 * [Electron main] The renderer is served from app://spendwatch/, a privileged standard scheme, not file://.
 * Its origin is exact: no other page on the disk shares it, so the CSP's 'self', the IPC sender check and
 * the navigation guard all mean "this app's pages" and nothing else. Only files under the renderer's build
 * folder are served; anything that tries to climb out of it gets a 404.
 */
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const APP_SCHEME = 'app';
const APP_HOST = 'spendwatch';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Must run before the app is ready (Electron's rule). `standard` gives the scheme real origins and relative
 * URLs, `secure` a secure context like https; the module scripts Vite emits (type=module crossorigin) are
 * CORS-mode requests, hence `corsEnabled`. `codeCache` lets V8 keep the compiled renderer scripts between
 * windows and launches (it needs `standard`), as it does for https pages: without it every window parses and
 * compiles ~280 KB of React again before its first paint. No bypassCSP, no service workers.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/** `scheme://host[:port]` of a URL, or null if it does not parse or carries credentials. */
export function originOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  // URL.origin is "null" for non-special schemes such as app:, so build it the same way for every scheme.
  return `${url.protocol}//${url.host}`;
}

/** True when `raw` has exactly `origin` — no prefix, suffix or path matching. */
export function hasOrigin(raw: string, origin: string): boolean {
  return originOf(raw) === origin;
}

/**
 * The file under `root` that an app:// URL names, or null when it names none: another origin, an encoded
 * separator or NUL (%2f, %5c, %00), a backslash, a dot segment or drive letter left after parsing, or a path
 * that resolves outside `root`. "/" is index.html.
 * @internal
 */
export function resolveAppFile(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  const encodedPath = url.pathname;
  if (/%(2f|5c|00)/i.test(encodedPath) || encodedPath.includes('\\')) return null;
  let path: string;
  try {
    path = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes(':'))) return null;
  const base = resolve(root);
  const file = resolve(base, segments.length ? segments.join('/') : 'index.html');
  const inside = relative(base, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const notFound = () =>
  new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The response for one app:// request: the file with its type and the CSP, or a 404.
 * @internal
 */
export async function respondFromRenderer(root: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
  const file = resolveAppFile(root, request.url);
  if (!file) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound(); // missing, or a directory
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    headers: {
      'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Serves `root` (the built renderer, out/renderer) on app://spendwatch/. Call once the app is ready. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => respondFromRenderer(root, request));
}

/**
 * The dev server's origin when running unpackaged with electron-vite dev, and only a loopback http one: a
 * packaged app (or a stray ELECTRON_RENDERER_URL) must never trust another origin with the IPC bridge.
 */
export function devServerUrl(raw: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || !raw) return undefined;
  try {
    const url = new URL(raw);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback && !url.username && !url.password ? raw : undefined;
  } catch {
    return undefined;
  }
}
