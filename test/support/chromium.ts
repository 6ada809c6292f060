/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const TIMEKEEPER = createRequire(import.meta.url).resolve('timekeeper');

/**
 * Pages see the test run's clock and zone. Under SPENDWATCH_TEST_NOW every page gets the shift the Node processes
 * have (test/support/test-now.mjs): timekeeper, travelling to the real time plus the run's offset, before any
 * script of the page runs. Not Playwright's clock: it stamps its calls with this process's Date, which is
 * shifted here, and pages then "catch up" to the real time. TZ becomes the context's time zone.
 */
async function withTestClock(context: BrowserContext): Promise<BrowserContext> {
  const now = process.env.SPENDWATCH_TEST_NOW;
  if (!now) return context;
  const offsetMs = Date.parse(now) - Number(process.env.SPENDWATCH_TEST_EPOCH);
  await context.addInitScript({ path: TIMEKEEPER });
  await context.addInitScript(`globalThis.timekeeper.travel(new Date(Date.now() + ${offsetMs}))`);
  return context;
}

function contextOptions<T extends BrowserContextOptions>(options: T): T {
  // An IANA name (Pacific/Kiritimati, UTC); a POSIX rule such as ":/etc/localtime" is left to Chromium.
  const timezoneId = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(process.env.TZ ?? '') ? process.env.TZ : undefined;
  return timezoneId && !options.timezoneId ? { ...options, timezoneId } : options;
}

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options: BrowserContextOptions = {}) =>
    withTestClock(await newContext(contextOptions(options)));
  // As Browser.newPage does: a context of its own, closed with the page.
  browser.newPage = async (options: BrowserContextOptions = {}): Promise<Page> => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.once('close', () => void context.close().catch(() => undefined));
    return page;
  };
  return browser;
}

/**
 * Chromium with a profile on disk, as Electron keeps one in the app's user-data folder. Unlike launchChromium's
 * throwaway contexts (one per page, each with its own connections and no cache), its pages share connections
 * and the HTTP cache.
 */
export async function launchChromiumWithProfile(
  profileDir: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return withTestClock(
    await chromium.launchPersistentContext(
      profileDir,
      contextOptions({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport }),
    ),
  );
}
