/** Links that leave the page: OpenAI's site in the system browser, and the app's own windows. */
import type { ReactNode } from 'react';
import { call } from '../bridge';

/** An https://platform.openai.com link, opened by main in the system browser (main vets the URL). */
export function ExternalLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  return (
    <a
      href={href}
      className={className}
      onClick={(e) => {
        e.preventDefault();
        void call('openExternal', { url: href });
      }}
    >
      {children}
    </a>
  );
}

/** Opens the dashboard or settings: its own window in the desktop app, the same page in a browser. */
export function openAppWindow(route: 'dashboard' | 'settings', section?: string): void {
  void call('openWindow', { route, section }).then(({ opened }) => {
    if (opened) return;
    const path = route === 'settings' ? '/settings' : '/';
    window.location.hash = `#${path}${section ? `?section=${section}` : ''}`;
  });
}
