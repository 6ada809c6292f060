// @vitest-environment jsdom
/**
 * Settings' payment forms on react-hook-form: each checked by the schema its IPC call validates with, a
 * message under the field it concerns, gone once the field is fixed.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithData } from '../render-with-data';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/shared/bridge';
import type { AccountInfo } from '../../../src/shared/domain';
import { PaymentMethodsSection } from '../../../src/renderer/payments/PaymentMethodsSection';
import { CreditsSection } from '../../../src/renderer/payments/CreditsSection';
import { GeneralSection } from '../../../src/renderer/settings/GeneralSection';

const accounts: AccountInfo[] = [
  {
    id: 'acc_1',
    name: 'Acme',
    provider: 'openai',
    keyHint: 'sk-admin-…abcd',
    baseUrl: 'https://api.openai.com/v1',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
];

let invoke: ReturnType<typeof vi.fn<(channel: string, input: unknown) => Promise<unknown>>>;
beforeEach(() => {
  invoke = vi.fn<(channel: string, input: unknown) => Promise<unknown>>(async () => ({ ok: true, value: {} }));
  window.spendwatch = createBridge({ invoke, onEvent: () => () => undefined });
  window.requestAnimationFrame = (cb) => setTimeout(() => cb(0), 0) as unknown as number;
});
afterEach(cleanup);
const calls = (channel: string) => invoke.mock.calls.filter(([c]) => c === channel);

describe('payment method form', () => {
  const openForm = (withAccounts = accounts) => {
    renderWithData(
      <PaymentMethodsSection methods={[]} accounts={withAccounts} localToday="2026-11-22" onGuide={() => undefined} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add a payment method' }));
  };

  it('records a card by brand, last four and expiry: no number, address or security code asked for', async () => {
    openForm();
    for (const asked of [
      /^Card number/,
      /^Address line/,
      /^Postal code/,
      /security code|cvv|cvc/i,
      /^Name on the card/,
    ])
      expect(screen.queryByLabelText(asked)).toBeNull();
    const keychain = screen.getByLabelText(/Also keep the full card number and billing address in the OS keychain/);
    expect((keychain as HTMLInputElement).checked).toBe(false);
    fireEvent.change(screen.getByLabelText('Expiry month'), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('Expiry year'), { target: { value: '2029' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save payment method' }));
    await screen.findByText('Choose the card brand.');
    const last4 = screen.getByLabelText('Last four digits');
    expect(screen.getByText('Enter the last four digits of the card number.')).toBeTruthy();
    expect(last4.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByLabelText('Brand'), { target: { value: 'visa' } });
    fireEvent.change(last4, { target: { value: '4242' } });
    fireEvent.change(screen.getByLabelText('Billing country (optional)'), { target: { value: 'UK' } });
    await waitFor(() => expect(screen.queryByText('Choose the card brand.')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Save payment method' }));
    await waitFor(() => expect(calls('savePaymentMethod')).toHaveLength(1));
    expect(calls('savePaymentMethod')[0][1]).toEqual({
      method: {
        type: 'card',
        label: '',
        role: 'primary',
        accountIds: ['acc_1'],
        brand: 'visa',
        last4: '4242',
        expMonth: 4,
        expYear: 2029,
        billingCountry: 'UK',
        keychain: null,
      },
    });
  });

  it('with the keychain opt-in, asks for the number, fills brand and last four from it, and sends the address', async () => {
    openForm();
    fireEvent.click(screen.getByLabelText(/Also keep the full card number/));
    expect(screen.getByText(/stay in your system keychain only/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Expiry month'), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('Expiry year'), { target: { value: '2029' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save payment method' }));
    await screen.findByText('Enter the full card number, or turn the keychain option off.');
    const number = screen.getByLabelText('Card number');
    fireEvent.change(number, { target: { value: '5555555555554444' } });
    expect((number as HTMLInputElement).value).toBe('5555 5555 5555 4444');
    expect((screen.getByLabelText('Brand') as HTMLSelectElement).value).toBe('mastercard');
    expect((screen.getByLabelText('Last four digits') as HTMLInputElement).value).toBe('4444');
    fireEvent.change(screen.getByLabelText('Address line 1'), { target: { value: '1 Main St' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save payment method' }));
    await screen.findByText('Enter the postal code.');
    fireEvent.change(screen.getByLabelText('Postal code'), { target: { value: 'N1 9GU' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save payment method' }));
    await waitFor(() => expect(calls('savePaymentMethod')).toHaveLength(1));
    expect(calls('savePaymentMethod')[0][1]).toMatchObject({
      method: {
        brand: 'mastercard',
        last4: '4444',
        keychain: {
          cardNumber: '5555 5555 5555 4444',
          cardholderName: '',
          billingAddress: { line1: '1 Main St', line2: '', city: '', postalCode: 'N1 9GU' },
        },
      },
    });
  });

  it("shows the shared schema's message for a past expiry on the field it concerns", async () => {
    openForm([]);
    fireEvent.change(screen.getByLabelText('Brand'), { target: { value: 'visa' } });
    fireEvent.change(screen.getByLabelText('Last four digits'), { target: { value: '4242' } });
    fireEvent.change(screen.getByLabelText('Expiry month'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Expiry year'), { target: { value: '2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save payment method' }));
    await screen.findByText('This expiry date is in the past: the card has expired.');
    expect(screen.getByLabelText('Expiry month').getAttribute('aria-describedby')).toBe('pm-expMonth-error');
    expect(calls('savePaymentMethod')).toHaveLength(0);
  });
});

describe('credit forms', () => {
  const account = {
    accountId: 'acc_1',
    name: 'Acme',
    estimate: null,
    credits: { entries: [], autoRecharge: null, recordedBalance: null },
  };
  it('words a bad amount per field, and sends a credit in exact micros', async () => {
    renderWithData(<CreditsSection account={account} provider="openai" accountChooser={null} today="2026-11-22" />);
    const amount = screen.getByLabelText('Credit amount (USD)');
    fireEvent.change(amount, { target: { value: '12,34' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add credit' }));
    await screen.findByText('Enter the credit amount in dollars, such as 100.');
    fireEvent.change(amount, { target: { value: '0' } });
    await screen.findByText('Enter an amount above zero.'); // the shared schema's rule
    fireEvent.change(amount, { target: { value: '100.25' } });
    await waitFor(() => expect(screen.queryByText('Enter an amount above zero.')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Add credit' }));
    await waitFor(() =>
      expect(calls('addCredit')).toEqual([
        [
          'addCredit',
          { accountId: 'acc_1', kind: 'purchase', amountMicros: 100_250_000, date: '2026-11-22', note: '' },
        ],
      ]),
    );
  });

  it('checks both auto-recharge fields at once', async () => {
    renderWithData(<CreditsSection account={account} provider="openai" accountChooser={null} today="2026-11-22" />);
    const form = screen.getByRole('button', { name: 'Save auto-recharge' }).closest('form')!;
    fireEvent.click(within(form).getByRole('button', { name: 'Save auto-recharge' }));
    await within(form).findByText('Enter the auto-recharge threshold in dollars, such as 20.');
    expect(within(form).getByText('Enter the recharge amount in dollars, such as 50.')).toBeTruthy();
    expect(calls('setAutoRecharge')).toHaveLength(0);
  });
});

describe('general settings', () => {
  it('refuses a poll interval under 5 minutes in the words main uses, saving nothing', async () => {
    renderWithData(
      <GeneralSection
        general={{ pollMinutes: 15, startAtLogin: false, notifications: true, theme: 'system' }}
        expiryAlertDays={[30, 7]}
      />,
    );
    const poll = screen.getByLabelText('Check for new costs every (minutes)');
    fireEvent.change(poll, { target: { value: '2' } });
    fireEvent.blur(poll);
    await screen.findByText('Poll at most every 5 minutes.');
    expect(calls('setGeneral')).toHaveLength(0);
    fireEvent.change(poll, { target: { value: '30' } });
    await waitFor(() => expect(screen.queryByText('Poll at most every 5 minutes.')).toBeNull());
    fireEvent.blur(poll);
    await waitFor(() => expect(calls('setGeneral')).toEqual([['setGeneral', { pollMinutes: 30 }]]));
  });
});
