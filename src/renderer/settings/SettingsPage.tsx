/**
 * The settings window (#/settings): one section at a time, chosen from a sidebar (tabs on a narrow window),
 * as desktop apps do it. The section lives in the URL (#/settings?section=budgets) so banners can open the
 * right one; the account is chosen once, at the top of the sections that are about one account.
 */
import { useEffect, useRef, useState } from 'react';
import type { AccountInfo } from '../../shared/domain';
import { openAppWindow } from '../lib/ui/links';
import { useHashRoute } from '../lib/hooks/useHashRoute';
import { AccountsSection } from '../accounts/AccountsSection';
import { BudgetsAndAlerts } from '../budgets/BudgetsAndAlerts';
import { CreditsSection } from '../payments/CreditsSection';
import { GeneralSection } from './GeneralSection';
import { PaymentGuide } from '../payments/PaymentGuide';
import { PaymentMethodsSection } from '../payments/PaymentMethodsSection';
import { TroubleshootingSection } from './TroubleshootingSection';
import { WebhooksSection } from '../alerts/WebhooksSection';
import { useSettingsData, type SettingsData } from './useSettingsData';

const SETTINGS_SECTIONS = [
  ['accounts', 'Accounts'],
  ['budgets', 'Budgets & alerts'],
  ['webhooks', 'Webhooks'],
  ['payment-methods', 'Payment methods'],
  ['payment-guide', 'Update payment method'],
  ['credits', 'Credits & balance'],
  ['troubleshooting', 'Troubleshooting'],
  ['general', 'General'],
] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number][0];

const isSection = (value: string | null): value is SettingsSection => SETTINGS_SECTIONS.some(([id]) => id === value);
const sectionHref = (section: SettingsSection): string => `#/settings?section=${section}`;

/** Opens another section (the hash is the single source of truth, so Back works and links agree). */
function openSection(section: SettingsSection): void {
  window.location.hash = sectionHref(section).slice(1);
}

export default function SettingsPage() {
  const { data, error } = useSettingsData();
  const route = useHashRoute();
  const requested = route.params.get('section');
  const section: SettingsSection = isSection(requested) ? requested : 'accounts';
  const headingRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  // After choosing a section, focus goes to its top (not <body>), so the keyboard carries on from there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.querySelector<HTMLElement>('section > h2')?.focus();
  }, [section]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <h1>Settings</h1>
        </div>
        <a
          className="button-link"
          href="#/"
          onClick={(e) => {
            e.preventDefault();
            openAppWindow('dashboard');
          }}
        >
          Dashboard
        </a>
      </header>
      <div className="settings-layout">
        <nav aria-label="Settings sections" className="settings-nav">
          <ul>
            {SETTINGS_SECTIONS.map(([id, label]) => (
              <li key={id}>
                <a href={sectionHref(id)} aria-current={id === section ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="content settings-content" ref={headingRef}>
          {error && (
            <p role="alert" className="banner banner-error">
              {error}
            </p>
          )}
          {data && data.stateNotices.length > 0 && <StateNotices notices={data.stateNotices} />}
          {!data && !error && <div className="skeleton" aria-label="Loading" />}
          {data && <SectionView section={section} data={data} />}
        </main>
      </div>
    </div>
  );
}

/** Damaged settings or history files, moved aside at start-up: said plainly, on every section. */
function StateNotices({ notices }: { notices: SettingsData['stateNotices'] }) {
  return (
    <div role="alert" className="banner banner-warning state-notices">
      <div>
        <h2 className="banner-title">Some saved data was damaged and has been set aside</h2>
        <ul>
          {notices.map((n) => (
            <li key={`${n.at}-${n.message}`}>{n.message}</li>
          ))}
        </ul>
        <p className="muted">
          Nothing else was lost. Check the figures in the affected section and enter them again if needed.
        </p>
      </div>
    </div>
  );
}

function SectionView({ section, data }: { section: SettingsSection; data: SettingsData }) {
  const [accountId, setAccountId] = useAccountChoice(data.accounts);
  const account = data.accounts.find((a) => a.id === accountId) ?? null;
  const chooser = <AccountChooser accounts={data.accounts} value={accountId} onChange={setAccountId} />;
  switch (section) {
    case 'accounts':
      return <AccountsSection accounts={data.accounts} summaries={data.summaries} />;
    case 'budgets':
      return <BudgetsAndAlerts account={account} accountChooser={chooser} hasAccounts={data.accounts.length > 0} />;
    case 'webhooks':
      return <WebhooksSection />;
    case 'payment-methods':
      return (
        <PaymentMethodsSection
          methods={data.payments.methods}
          accounts={data.accounts}
          localToday={data.payments.localToday}
          onGuide={() => openSection('payment-guide')}
        />
      );
    case 'payment-guide':
      return <PaymentGuide />;
    case 'credits':
      return (
        <CreditsSection
          provider={account?.provider ?? 'openai'}
          account={data.payments.accounts.find((a) => a.accountId === accountId) ?? null}
          accountChooser={chooser}
          today={data.payments.utcToday}
        />
      );
    case 'troubleshooting':
      return <TroubleshootingSection payments={data.payments} onGuide={() => openSection('payment-guide')} />;
    case 'general':
      return <GeneralSection general={data.preferences.general} expiryAlertDays={data.payments.expiryAlertDays} />;
  }
}

/** The account the account-scoped sections show: chosen once, kept across sections, reset if it is removed. */
function useAccountChoice(accounts: AccountInfo[]): [string | null, (id: string) => void] {
  const [chosen, setChosen] = useState<string | null>(() => sessionStorage.getItem('spendwatch:settings-account'));
  const valid = accounts.some((a) => a.id === chosen) ? chosen : (accounts[0]?.id ?? null);
  const choose = (id: string) => {
    sessionStorage.setItem('spendwatch:settings-account', id);
    setChosen(id);
  };
  return [valid, choose];
}

function AccountChooser({
  accounts,
  value,
  onChange,
}: {
  accounts: AccountInfo[];
  value: string | null;
  onChange: (id: string) => void;
}) {
  if (accounts.length === 0) return null;
  return (
    <div className="account-chooser">
      <label htmlFor="settings-account">Account</label>
      <select id="settings-account" value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}
