/**
 * The names of the IPC contract's channels and events, without its zod schemas, so the sandboxed
 * preload and the renderer-side bridge stay small. ipc-contract.ts checks at compile time that these
 * lists name exactly its channels and events.
 */
export const CHANNEL_NAMES = [
  'getDashboard',
  'listAccounts',
  'addAccount',
  'replaceAccountKey',
  'renameAccount',
  'removeAccount',
  'syncNow',
  'setBudget',
  'listAlerts',
  'markAlertsRead',
  'getPreferences',
  'setAlertPreference',
  'exportCsv',
  'getPayments',
  'savePaymentMethod',
  'deletePaymentMethod',
  'addCredit',
  'removeCredit',
  'setRecordedBalance',
  'setAutoRecharge',
  'addPaymentEvent',
  'removePaymentEvent',
  'setExpiryAlertDays',
  'setGeneral',
  'testAccount',
  'openWindow',
  'openExternal',
  'listWebhooks',
  'addWebhook',
  'removeWebhook',
  'testWebhook',
  'getSpendControls',
  'setSpendLimit',
  'removeSpendLimit',
  'addSpendEmailAlert',
  'updateSpendEmailAlert',
  'removeSpendEmailAlert',
  'getBillingStatuses',
  'getReconciliation',
  'saveInvoice',
  'removeInvoice',
  'addCaseContact',
  'removeCaseContact',
  'setCaseState',
  'exportReport',
] as const;

export const EVENT_NAMES = ['snapshotChanged', 'syncProgress', 'alertRaised'] as const;

type ChannelName = (typeof CHANNEL_NAMES)[number];
type EventNameOf = (typeof EVENT_NAMES)[number];

const CHANNEL_PREFIX = 'spendwatch:';
export const EVENT_CHANNEL = 'spendwatch:event';
export const channelName = (channel: ChannelName): string => `${CHANNEL_PREFIX}${channel}`;

export function isChannel(name: string): name is ChannelName {
  return (CHANNEL_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: string): name is EventNameOf {
  return (EVENT_NAMES as readonly string[]).includes(name);
}
