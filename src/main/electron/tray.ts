/**
 * [Electron main] The tray: icon by state (ok / warning / over budget), a tooltip and a menu with
 * this month's spend per account.
 */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { TrayState } from '../../shared/domain';

export interface TrayActions {
  openDashboard(): void;
  openSettings(): void;
  syncNow(): void;
  quit(): void;
}

export interface TrayView {
  state: TrayState;
  tooltip: string;
  lines: string[];
}

/** @internal Exported for tests. */
export function buildTrayMenuTemplate(view: TrayView, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    ...view.lines.map((line): MenuItemConstructorOptions => ({ label: line, enabled: false })),
    { type: 'separator' },
    { label: 'Open dashboard', click: () => actions.openDashboard() },
    { label: 'Settings', click: () => actions.openSettings() },
    { label: 'Sync now', click: () => actions.syncNow() },
    { type: 'separator' },
    { label: 'Quit Spendwatch', role: 'quit', click: () => actions.quit() },
  ];
}

export class TrayController {
  private readonly tray: Tray;
  private view: TrayView = { state: 'ok', tooltip: 'Spendwatch', lines: [] };

  constructor(
    private readonly iconFor: (state: TrayState) => string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(nativeImage.createFromPath(iconFor('ok')));
    this.tray.on('click', () => actions.openDashboard());
    this.update(this.view);
  }

  update(view: TrayView): void {
    if (view.state !== this.view.state) this.tray.setImage(nativeImage.createFromPath(this.iconFor(view.state)));
    this.view = view;
    this.tray.setToolTip(view.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(view, this.actions)));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
