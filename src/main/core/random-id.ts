/**
 * Random identifiers (record ids, temporary file names). Web Crypto's getRandomValues is a global in Node
 * and Electron's main process; unlike `node:crypto` it costs nothing until first used, and most CLI
 * commands never create an id (see "CLI start-up" in docs/contributing/performance.md).
 */
export function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return Array.from(buffer, (b) => b.toString(16).padStart(2, '0')).join('');
}
