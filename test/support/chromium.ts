/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/**
 * Chromium with a profile on disk, as Electron keeps one in the app's user-data folder. Unlike launchChromium's
 * throwaway contexts (one per page, each with its own connections and no cache), its pages share connections
 * and the HTTP cache.
 */
export function launchChromiumWithProfile(profileDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport });
}
