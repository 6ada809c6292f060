/** Links that leave the page: OpenAI's site in the system browser, and the app's own windows. */
import type { ReactNode } from 'react';
import { vetExternalUrl } from '../../../shared/links';
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

/** Where a "Fix in Settings" action lands: the settings route, with the section the settings page scrolls to. */
export const settingsHref = (section?: string) =>
  `#/settings${section ? `?section=${encodeURIComponent(section)}` : ''}`;

/** A real link to a Settings section: opens the settings window in the app, the settings route in a browser. */
export function SettingsLink({
  section,
  className = 'button-link',
  children,
}: {
  section?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a
      href={settingsHref(section)}
      className={className}
      onClick={(e) => {
        e.preventDefault();
        openAppWindow('settings', section);
      }}
    >
      {children}
    </a>
  );
}

const URL_IN_TEXT = /https:\/\/[^\s"'<>()]+[^\s"'<>().,;:!?]/g;

/**
 * Text with its URLs as real links — only those on a vetted origin (shared/links.ts); any other URL stays
 * plain text, so a message can never send the user somewhere unvetted.
 */
export function LinkedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = vetExternalUrl(match[0]);
    if (!url) continue;
    parts.push(text.slice(last, match.index));
    parts.push(
      <ExternalLink key={match.index} href={url}>
        {match[0]}
      </ExternalLink>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}
