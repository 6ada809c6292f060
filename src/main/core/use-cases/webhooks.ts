/** WebhooksUseCase as the doors see them (Settings, `spendwatch webhooks`): add, list, remove, test, and post what waits. */
import type { WebhookAddInput, WebhookInfo, WebhookStatus, WebhookTestResult } from '../../../shared/webhooks';
import type { FlushResult, WebhookService } from '../webhooks/webhook-service';
import type { AfterChange } from './after-change';

export class WebhooksUseCase {
  constructor(private readonly deps: { service: WebhookService; after: AfterChange }) {}

  list(): WebhookStatus[] {
    return this.deps.service.list();
  }

  /** `source`: where the URL is kept; `serve --credentials` registers webhooks from systemd credentials. */
  async add(input: WebhookAddInput, source: WebhookInfo['source'] = 'keychain'): Promise<WebhookInfo> {
    const info = await this.deps.service.add(input, source);
    this.deps.after.announce('settings');
    return info;
  }

  async remove(nameOrId: string): Promise<WebhookInfo> {
    const info = await this.deps.service.remove(nameOrId);
    this.deps.after.announce('settings');
    return info;
  }

  test(nameOrId: string): Promise<WebhookTestResult> {
    return this.deps.service.test(nameOrId);
  }

  /**
   * Posts every delivery that is due now, each tried once, claiming more for at most `budgetMs` (a CLI command
   * awaits this before it exits, with a short budget: what is left waits in the outbox).
   */
  flush(budgetMs?: number): Promise<FlushResult> {
    return this.deps.service.flush(budgetMs);
  }
}
