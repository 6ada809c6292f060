/** The settings window (#/settings): accounts, budgets and alerts, payments, credits, troubleshooting, general. */
import { useEffect } from 'react';
import { openAppWindow } from '../components/links';
import { useHashRoute } from '../hooks/useHashRoute';
import { AccountsSection } from './AccountsSection';
import { BudgetsAndAlerts } from './BudgetsAndAlerts';
import { CreditsSection } from './CreditsSection';
import { GeneralSection } from './GeneralSection';
import { PaymentGuide } from './PaymentGuide';
import { PaymentMethodsSection } from './PaymentMethodsSection';
import { TroubleshootingSection } from './TroubleshootingSection';
import { useSettingsData } from './useSettingsData';

const SECTIONS = [
  ['accounts', 'Accounts'],
  ['budgets', 'Budgets & alerts'],
  ['payment-methods', 'Payment methods'],
  ['credits', 'Credits & balance'],
  ['troubleshooting', 'Troubleshooting'],
  ['general', 'General'],
] as const;

const scrollTo = (id: string) => document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });

export default function SettingsPage() {
  const { data, error } = useSettingsData();
  const route = useHashRoute();
  const section = route.params.get('section');
  useEffect(() => {
    if (data && section) scrollTo(section);
  }, [data, section]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <h1>Settings</h1>
        </div>
        <nav aria-label="Settings sections" className="section-nav">
          {SECTIONS.map(([id, label]) => (
            <button key={id} type="button" className="link-button" onClick={() => scrollTo(id)}>
              {label}
            </button>
          ))}
        </nav>
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
      <main className="content">
        {error && (
          <p role="alert" className="banner banner-error">
            {error}
          </p>
        )}
        {!data && !error && <div className="skeleton" aria-label="Loading" />}
        {data && (
          <>
            <AccountsSection accounts={data.accounts} summaries={data.summaries} />
            <BudgetsAndAlerts accounts={data.accounts} />
            <PaymentMethodsSection methods={data.payments.methods} accounts={data.accounts} localToday={data.payments.localToday} onGuide={() => scrollTo('payment-guide')} />
            <PaymentGuide />
            <CreditsSection accounts={data.payments.accounts} today={data.payments.utcToday} />
            <TroubleshootingSection payments={data.payments} onGuide={() => scrollTo('payment-guide')} />
            <GeneralSection general={data.preferences.general} expiryAlertDays={data.payments.expiryAlertDays} />
          </>
        )}
      </main>
    </div>
  );
}
