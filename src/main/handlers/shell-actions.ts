/** What only the host can do (open links and windows, save files, start at login); the handlers take it as a parameter. */
export interface ShellActions {
  openExternal(url: string): Promise<void> | void;
  /** Asks where to save and writes the file; resolves to the path, or null if cancelled. Hosts without it return the content. */
  saveFile?(fileName: string, content: string): Promise<string | null>;
  /** Opens an app window (the desktop app); hosts without windows answer false and the page navigates. */
  openWindow?(route: 'dashboard' | 'settings', section?: string): boolean;
  /** Starts Spendwatch when the user logs in (the desktop app). */
  setStartAtLogin?(enabled: boolean): void;
}
