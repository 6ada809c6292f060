/**
 * A recording stand-in for the `electron` module (its binary cannot run here). It implements just
 * the surface the Electron layer touches, and records what was done with it.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class MockWebContents extends EventEmitter {
  static nextId = 1;
  id = MockWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  sent: unknown[][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  /** Emits an event the way Electron does, returning whether a listener prevented it. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class MockBrowserWindow extends EventEmitter {
  static instances: MockBrowserWindow[] = [];
  webContents = new MockWebContents();
  loaded: { file?: string; url?: string; options?: unknown } | undefined;
  destroyed = false;
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    MockBrowserWindow.instances.push(this);
  }
  loadFile(file: string, options: unknown) {
    this.loaded = { file, options };
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loaded = { url };
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {}
  focus() {}
}

export function createElectronMock() {
  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
  const notifications: MockNotification[] = [];
  class MockNotification extends EventEmitter {
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      notifications.push(this);
    }
    static isSupported() {
      return true;
    }
    show() {
      this.shown = true;
    }
  }
  class MockTray extends EventEmitter {
    static instances: MockTray[] = [];
    image: unknown;
    tooltip = '';
    menu: unknown;
    constructor(image: unknown) {
      super();
      this.image = image;
      MockTray.instances.push(this);
    }
    setImage(image: unknown) {
      this.image = image;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: unknown) {
      this.menu = menu;
    }
    destroy() {}
  }
  const session = {
    headersListener: undefined as undefined | ((details: unknown, callback: (r: unknown) => void) => void),
    permissionHandler: undefined as undefined | ((...args: unknown[]) => void),
    webRequest: {
      onHeadersReceived(listener: (details: unknown, callback: (r: unknown) => void) => void) {
        session.headersListener = listener;
      },
    },
    setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
      session.permissionHandler = handler;
    },
    setPermissionCheckHandler: vi.fn(),
  };
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    whenReady: vi.fn(() => new Promise<void>(() => undefined)),
    getPath: vi.fn(() => '/tmp/spendwatch-mock'),
    getLocale: vi.fn(() => 'en-US'),
    setPath: vi.fn(),
    isPackaged: false,
    getAppPath: () => '/app',
  });
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn(
      (scheme: string, handler: (request: Request) => Promise<Response>) => void protocolHandlers.set(scheme, handler),
    ),
  };
  return {
    app,
    protocol,
    BrowserWindow: MockBrowserWindow,
    Notification: MockNotification,
    Tray: MockTray,
    Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) => ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    session: { defaultSession: session },
    powerMonitor: new EventEmitter(),
    net: { isOnline: vi.fn(() => true) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn() },
    __test: { ipcHandlers, notifications, trays: MockTray.instances, session, protocolHandlers },
  };
}

export type ElectronMock = ReturnType<typeof createElectronMock>;
