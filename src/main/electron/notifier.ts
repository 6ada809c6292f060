/** [Electron main] Core's Notifier as native notifications. */
import { Notification } from 'electron';
import type { Notifier, Notification as CoreNotification } from '../core/ports';

export class ElectronNotifier implements Notifier {
  constructor(
    private readonly onClick: (notification: CoreNotification) => void,
    private readonly icon: string,
  ) {}

  notify(notification: CoreNotification): void {
    if (!Notification.isSupported()) return;
    const native = new Notification({ title: notification.title, body: notification.body, icon: this.icon });
    native.on('click', () => this.onClick(notification));
    native.show();
  }
}
