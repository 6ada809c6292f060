/** "Update your payment method": the steps on OpenAI's billing pages, and a button that opens them. */
import { OPENAI_PAYMENT_METHODS_URL } from '../../shared/links';
import { call } from '../lib/bridge';

export function PaymentGuide() {
  return (
    <section className="panel" id="payment-guide" aria-labelledby="guide-title">
      <h2 id="guide-title" tabIndex={-1}>
        Update your payment method
      </h2>
      <ol className="guide-steps">
        <li>
          Open OpenAI’s billing settings: Settings → Billing → Payment methods (the button below goes straight there).
        </li>
        <li>Choose “Add payment method”, or the card’s menu → Edit, and enter the new card’s details.</li>
        <li>
          Save, and confirm any verification code your bank sends (3-D Secure) — keep the window open until it confirms.
        </li>
        <li>Make the new card the default, and remove the expired one.</li>
        <li>
          Check the credit balance on the Billing overview page; if it is low or negative, add credit or turn on
          auto-recharge.
        </li>
        <li>Back here, edit the payment method with the new expiry date (and number, if it changed).</li>
      </ol>
      <button type="button" onClick={() => void call('openExternal', { url: OPENAI_PAYMENT_METHODS_URL })}>
        Open OpenAI payment methods
      </button>
    </section>
  );
}
