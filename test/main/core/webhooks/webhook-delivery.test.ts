/**
 * Webhook deliveries end to end in Node: real alerts raised by a real sync against the fake OpenAI, posted over
 * real HTTP to a loopback receiver that succeeds, fails, hangs and resets. Two cores on one data dir stand for two
 * processes (each has its own lock files, as two processes do). Time moves only through the injected clock.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSpendwatch } from '../../../../src/main/core/compose-node';
import type { Clock } from '../../../../src/main/core/ports';
import type { Spendwatch } from '../../../../src/main/core/use-cases/spendwatch';
import { undiciWebhookPost } from '../../../../src/main/core/webhooks/webhook-sender';
import { CLAIM_MS } from '../../../../src/main/core/webhooks/outbox';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../../fake-openai/organisations';
import { FakeKeychain } from '../../../support/fake-vault';
import { slackProblem, WebhookReceiver } from '../../../fake-webhook/webhook-receiver';

const KEY = `sk-admin-${'h'.repeat(24)}`;

class MovableClock implements Clock {
  offset = 0;
  now = () => new Date(Date.now() + this.offset);
  advance(ms: number) {
    this.offset += ms;
  }
}

describe('webhooks: every alert posted once to each webhook', () => {
  let openai: FakeOpenAiServer;
  let baseUrl: string;
  let receiver: WebhookReceiver;
  let receiverUrl: string;
  const keychain = new FakeKeychain();

  beforeAll(async () => {
    openai = new FakeOpenAiServer({ [KEY]: smallOrganisation(20) });
    baseUrl = await openai.start();
  });
  afterAll(() => openai.stop());
  afterEach(() => receiver?.stop());

  async function setup(name = 'Acme') {
    receiver = new WebhookReceiver();
    receiverUrl = await receiver.start();
    const home = mkdtempSync(join(tmpdir(), 'sw-webhooks-'));
    const clock = new MovableClock();
    // A short timeout: the hanging receiver must cost the suite half a second, not ten.
    const open = () =>
      createNodeSpendwatch({
        dataDir: home,
        vault: keychain,
        overrides: { clock, postWebhook: undiciWebhookPost(clock, 500) },
      });
    const core = open();
    await core.accounts.add({ name, provider: 'openai', baseUrl, apiKey: KEY });
    await core.sync.run();
    return { home, clock, core, open };
  }

  /** A budget far below month to date: its thresholds (and the forecast rule) fire at once. */
  const crossBudget = (core: Spendwatch) => core.budgets.setMonthly('Acme', { monthlyMicros: 1_000_000 }).alerts;

  it('posts each new alert once to a Slack and a JSON webhook, in their formats, and keeps the URLs out of every file', async () => {
    const { home, core } = await setup();
    const slack = await core.webhooks.add({ url: `${receiverUrl}/services/T000/B000/XXXXsecretpart`, format: 'slack' });
    const json = await core.webhooks.add({
      url: `${receiverUrl}/hooks/json-secret-token`,
      format: 'json',
      name: 'Ops',
    });
    // Never named after the host: some services put the secret there.
    expect(slack.name).toBe('Webhook');
    expect(json.urlHint).toBe(`${new URL(receiverUrl).protocol}//${new URL(receiverUrl).host}/…oken`);
    const alerts = crossBudget(core);
    expect(alerts.length).toBeGreaterThan(0);
    await core.webhooks.flush();

    const slackPosts = receiver.posts.filter((p) => p.path.startsWith('/services/'));
    const jsonPosts = receiver.posts.filter((p) => p.path.startsWith('/hooks/'));
    expect(slackPosts).toHaveLength(alerts.length);
    expect(jsonPosts).toHaveLength(alerts.length);
    for (const post of slackPosts) expect(slackProblem(post)).toBeNull();
    for (const alert of alerts)
      expect(slackPosts.filter((p) => (p.json as { text: string }).text.includes(alert.title))).toHaveLength(1);
    const bodies = jsonPosts.map(
      (p) =>
        p.json as {
          type: string;
          version: number;
          deliveryId: string;
          alert: { id: string; kind: string; account: string; title: string };
        },
    );
    expect(new Set(bodies.map((b) => b.alert.id))).toEqual(new Set(alerts.map((a) => a.id)));
    for (const [i, body] of bodies.entries()) {
      expect(body).toMatchObject({ type: 'spendwatch.alert', version: 1, alert: { account: 'Acme' } });
      expect(jsonPosts[i].headers['idempotency-key']).toBe(body.deliveryId);
    }
    // Evaluating again (a poll, a restart) raises nothing new and posts nothing more.
    core.alerts.evaluate();
    await createNodeSpendwatch({ dataDir: home, vault: keychain }).webhooks.flush();
    expect(receiver.posts).toHaveLength(alerts.length * 2);

    for (const file of ['config.json', 'alerts.json'])
      expect(readFileSync(join(home, file), 'utf8')).not.toMatch(/secretpart|secret-token/);
    expect(core.webhooks.list().map((w) => [w.name, w.delivered, w.pending, w.failed])).toEqual([
      ['Webhook', alerts.length, 0, 0],
      ['Ops', alerts.length, 0, 0],
    ]);
  });

  it('two processes syncing and evaluating at once deliver each alert exactly once', async () => {
    const { core, open } = await setup();
    await core.webhooks.add({ url: receiverUrl, format: 'json' });
    const other = open();
    // Both see the budget crossed at the same moment, and both sync and post.
    core.budgets.setMonthly('Acme', { monthlyMicros: 1_000_000 });
    const [a, b] = await Promise.all([
      core.sync.run(),
      other.sync.run(),
      core.webhooks.flush(),
      other.webhooks.flush(),
    ]);
    void a;
    void b;
    await Promise.all([core.webhooks.flush(), other.webhooks.flush()]);
    const ids = receiver.posts.map((p) => (p.json as { alert: { id: string } }).alert.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      core.alerts
        .list()
        .alerts.map((x) => x.id)
        .sort(),
    );
  });

  it('a slow receiver and a second process: a claim never runs out while its entry waits, so nothing is posted twice', async () => {
    const { core, clock, open } = await setup();
    const names = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight'];
    for (const name of names) await core.webhooks.add({ url: `${receiverUrl}/${name}`, format: 'json', name });
    // Each answer "takes" 3 s of the clock: a backlog of 24 posts outlasts a claim (60 s); the 8 posts two processes
    // have under way at once (24 s) never do.
    receiver.then({ slowMs: 30 });
    receiver.onAnswer = () => clock.advance(3_000);
    const alerts = crossBudget(core);
    const deliveries = alerts.length * names.length;
    expect(deliveries).toBeGreaterThanOrEqual(24);
    const other = open();
    let done = false;
    const first = core.webhooks.flush().finally(() => (done = true));
    // The other process keeps flushing while the first works through its backlog.
    const second = (async () => {
      while (!done) {
        await other.webhooks.flush();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await Promise.all([first, second]);
    await other.webhooks.flush();
    const ids = receiver.posts.map((p) => p.headers['idempotency-key']);
    expect(new Set(ids).size).toBe(deliveries);
    expect(ids).toHaveLength(deliveries);
  });

  it('a webhook whose URL is a systemd credential is left to the server that has it, never given up by another process', async () => {
    const { home, core, clock } = await setup();
    const server = createNodeSpendwatch({
      dataDir: home,
      vault: keychain,
      overrides: { clock, webhookSources: ['credentials'], postWebhook: undiciWebhookPost(clock, 500) },
    });
    await server.webhooks.add({ url: receiverUrl, format: 'json', name: 'From credentials' }, 'credentials');
    // The server's vault would read it from $CREDENTIALS_DIRECTORY; here the same URL sits under its ref.
    const hook = server.webhooks.list()[0];
    expect(hook.source).toBe('credentials');
    const alerts = crossBudget(core);
    // The app (keychain) neither posts nor gives up what it cannot read.
    expect(await core.webhooks.flush()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(core.webhooks.list()[0]).toMatchObject({ pending: alerts.length, failed: 0 });
    expect(await core.webhooks.test('From credentials')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/systemd credential of spendwatch serve/),
    });
    await keychain.set(`webhook:${hook.id}`, receiverUrl);
    expect((await server.webhooks.flush()).delivered).toBe(alerts.length);
  });

  it('a receiver that answers 500 first gets the alert again later, once, with the same delivery id', async () => {
    const { core, clock } = await setup();
    await core.webhooks.add({ url: receiverUrl, format: 'json' });
    receiver.answer({ status: 500 });
    const [first] = crossBudget(core).slice(0, 1);
    expect((await core.webhooks.flush()).retrying).toBeGreaterThan(0);
    expect(core.webhooks.list()[0].lastError).toMatch(/HTTP 500/);
    const failedPost = receiver.posts.find((p) => p.answered !== 'ok')!;
    // Not before its backoff: a flush at once posts nothing of it.
    const before = receiver.posts.length;
    await core.webhooks.flush();
    expect(receiver.posts.length).toBe(before);
    clock.advance(31_000);
    await core.webhooks.flush();
    const retried = receiver.posts.filter(
      (p) => p.headers['idempotency-key'] === failedPost.headers['idempotency-key'],
    );
    expect(retried.map((p) => p.answered)).toEqual([{ status: 500 }, 'ok']);
    // Every alert delivered exactly once.
    const delivered = receiver.delivered.map((p) => (p.json as { alert: { id: string } }).alert.id);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered).toContain(first.id);
    expect(core.webhooks.list()[0]).toMatchObject({ pending: 0, failed: 0 });
  });

  it('a running app or server retries on its own when the delivery falls due, and stops retrying when stopped', async () => {
    const { home, clock } = await setup();
    const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
    const core = createNodeSpendwatch({
      dataDir: home,
      vault: keychain,
      overrides: {
        clock,
        postWebhook: undiciWebhookPost(clock, 500),
        timers: {
          setTimeout: (callback, ms) => timers.push({ callback, ms, cleared: false }) - 1,
          clearTimeout: (handle) => void (timers[handle as number] && (timers[handle as number].cleared = true)),
        },
      },
    });
    await core.webhooks.add({ url: receiverUrl, format: 'json' });
    core.sync.start();
    receiver.answer({ status: 500 });
    const [alert] = crossBudget(core);
    await expect.poll(() => receiver.posts.length).toBeGreaterThan(0);
    await core.webhooks.flush();
    // The retry is set for when the backoff ends (30 s), not polled for.
    const retry = () => timers.filter((t) => !t.cleared && t.ms >= 29_000 && t.ms <= 31_000).at(-1);
    await expect.poll(() => retry()).toBeDefined();
    clock.advance(31_000);
    const due = retry()!;
    due.cleared = true; // fired: no longer pending
    due.callback();
    await expect
      .poll(() => receiver.delivered.map((p) => (p.json as { alert: { id: string } }).alert.id))
      .toContain(alert.id);
    expect(core.webhooks.list()[0].pending).toBe(0);
    // Nothing waits: no retry is set. A new failure sets one; stopping clears it.
    receiver.answer({ status: 500 });
    core.budgets.setMonthly('Acme', { monthlyMicros: 1_000_000_000_000 });
    core.budgets.setMonthly('Acme', { monthlyMicros: 1_000_000 });
    await expect.poll(() => retry()).toBeDefined();
    core.sync.stop();
    expect(retry()).toBeUndefined();
  });

  it('a receiver that hangs costs one timeout per delivery, and a flush with a budget stops claiming when it runs out', async () => {
    const { core } = await setup();
    for (const name of ['One', 'Two', 'Three', 'Four'])
      await core.webhooks.add({ url: `${receiverUrl}/${name}`, format: 'json', name });
    receiver.then('hang');
    const alerts = crossBudget(core);
    const deliveries = alerts.length * 4;
    expect(deliveries).toBeGreaterThanOrEqual(12);
    const started = performance.now();
    const result = await core.webhooks.flush(700);
    const took = performance.now() - started;
    // 4 posts at a time, 500 ms each: the budget lets two batches start, never all of them.
    expect(result.retrying).toBeLessThan(deliveries);
    expect(took).toBeLessThan(700 + 500 + 400);
    const ids = receiver.posts.map((p) => p.headers['idempotency-key']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      core.webhooks.list()[0].pending +
        core.webhooks.list()[1].pending +
        core.webhooks.list()[2].pending +
        core.webhooks.list()[3].pending,
    ).toBe(deliveries);
  });

  it('a claim survives the clock stepping back a little, so a second process does not post it too', async () => {
    const { core, clock, open } = await setup();
    await core.webhooks.add({ url: receiverUrl, format: 'json' });
    // Failed once, then 10 s overdue for their retry: only the claim keeps a second process off them.
    receiver.then({ status: 503 });
    const alerts = crossBudget(core);
    await core.webhooks.flush();
    clock.advance(40_000);
    receiver.posts.length = 0;
    receiver.then({ slowMs: 400 });
    const first = core.webhooks.flush();
    await expect.poll(() => receiver.posts.length).toBeGreaterThan(0);
    clock.advance(-2_000);
    await open().webhooks.flush();
    await first;
    const ids = receiver.posts.map((p) => p.headers['idempotency-key']);
    expect(ids).toHaveLength(alerts.length);
    expect(new Set(ids).size).toBe(alerts.length);
  });

  it('a process sets no retry timer for deliveries it may not post (a systemd credential of the server)', async () => {
    const { home, clock } = await setup();
    const timers: number[] = [];
    const app = createNodeSpendwatch({
      dataDir: home,
      vault: keychain,
      overrides: { clock, timers: { setTimeout: (_cb, ms) => timers.push(ms), clearTimeout: () => undefined } },
    });
    const server = createNodeSpendwatch({
      dataDir: home,
      vault: keychain,
      overrides: { clock, webhookSources: ['credentials'] },
    });
    await server.webhooks.add({ url: receiverUrl, format: 'json', name: 'Server only' }, 'credentials');
    crossBudget(app);
    app.sync.start();
    await app.webhooks.flush();
    app.sync.stop();
    // Only the scheduler's own first tick: no retry loop for what waits for the server.
    expect(timers.filter((ms) => ms <= 60_000 && ms !== 0)).toEqual([]);
    expect(receiver.posts).toHaveLength(0);
  });

  it('a receiver that hangs or resets is retried; one that says the URL is gone (404) is given up at once', async () => {
    const { core, clock } = await setup();
    await core.webhooks.add({ url: receiverUrl, format: 'slack' });
    receiver.answer('hang', 'reset').then({ status: 404 });
    const alerts = crossBudget(core);
    const result = await core.webhooks.flush();
    expect(result.retrying).toBe(2);
    expect(result.failed).toBe(alerts.length - 2);
    expect(core.webhooks.list()[0]).toMatchObject({ pending: 2, failed: alerts.length - 2 });
    expect(core.webhooks.list()[0].lastError).toMatch(/no answer within|could not reach|HTTP 404/);
    receiver.then('ok');
    clock.advance(31_000);
    expect((await core.webhooks.flush()).delivered).toBe(2);
    clock.advance(3_600_000);
    expect(await core.webhooks.flush()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
  });

  it('a delivery claimed by a process that died is taken over once its claim runs out, and posted once', async () => {
    const { core, clock, open } = await setup();
    await core.webhooks.add({ url: receiverUrl, format: 'json' });
    receiver.then('hang');
    const alerts = crossBudget(core);
    // The first process posts and never hears back (it "dies" mid-post: its settle never comes in time).
    const dying = core.webhooks.flush();
    await expect.poll(() => receiver.posts.length).toBe(alerts.length);
    receiver.then('ok');
    const survivor = open();
    // Still claimed: the other process does not post it a second time.
    expect(await survivor.webhooks.flush()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    await dying; // its timeout settles it as "retry later"
    clock.advance(CLAIM_MS + 31_000);
    expect((await survivor.webhooks.flush()).delivered).toBe(alerts.length);
    expect(receiver.delivered).toHaveLength(alerts.length);
  });

  it('alerts queued while the receiver was down are delivered by the next process to start, and gone once delivered', async () => {
    const { home, clock, core } = await setup();
    await core.webhooks.add({ url: receiverUrl, format: 'json' });
    receiver.then('reset');
    const alerts = crossBudget(core);
    await core.webhooks.flush();
    const queued = JSON.parse(readFileSync(join(home, 'alerts.json'), 'utf8')) as { outbox: { entries: unknown[] } };
    expect(queued.outbox.entries).toHaveLength(alerts.length);
    receiver.then('ok');
    clock.advance(31_000);
    const restarted = createNodeSpendwatch({ dataDir: home, vault: keychain, overrides: { clock } });
    expect((await restarted.webhooks.flush()).delivered).toBe(alerts.length);
    const after = JSON.parse(readFileSync(join(home, 'alerts.json'), 'utf8')) as { outbox: { entries: unknown[] } };
    expect(after.outbox.entries).toHaveLength(0);
  });

  it('gives up after a day of failures and says so; a removed webhook drops what waited for it', async () => {
    const { core, clock } = await setup();
    const hook = await core.webhooks.add({ url: `${receiverUrl}/down`, format: 'json', name: 'Down' });
    receiver.then({ status: 503 });
    const alerts = crossBudget(core);
    await core.webhooks.flush();
    const second = await core.webhooks.add({ url: `${receiverUrl}/second`, format: 'json', name: 'Second' });
    // A budget raised above spend re-arms its thresholds; lowered again, they fire again (for both webhooks now).
    core.budgets.setMonthly('Acme', { monthlyMicros: 1_000_000_000_000 });
    const again = core.budgets.setMonthly('Acme', { monthlyMicros: 1_000_000 }).alerts;
    expect(again.length).toBeGreaterThan(0);
    await core.webhooks.flush();
    expect(core.webhooks.list().find((w) => w.id === second.id)!.pending).toBe(again.length);
    await core.webhooks.remove('second');
    expect(keychain.secrets.has(`webhook:${second.id}`)).toBe(false);
    expect(core.webhooks.list().map((w) => w.id)).toEqual([hook.id]);
    // A day later (only the outbox is looked at: no alert is evaluated, whatever month it now is), it gives up.
    clock.advance(25 * 3_600_000);
    await core.webhooks.flush();
    expect(core.webhooks.list()[0]).toMatchObject({ pending: 0, failed: alerts.length + again.length, delivered: 0 });
    expect(core.webhooks.list()[0].lastError).toMatch(/HTTP 503/);
  });

  it('escapes names in Slack text, so an account name can neither @-mention a channel nor become a link', async () => {
    const { core } = await setup('<!channel> & <https://evil.example|click>');
    await core.webhooks.add({ url: receiverUrl, format: 'slack' });
    core.budgets.setMonthly('<!channel> & <https://evil.example|click>', { monthlyMicros: 1_000_000 });
    await core.webhooks.flush();
    const texts = receiver.posts.map((p) => JSON.stringify(p.json));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil');
      expect(text).toContain('&lt;!channel&gt; &amp;');
    }
  });

  it('refuses URLs it must not post to, and a second webhook of the same name', async () => {
    const { core } = await setup();
    await expect(core.webhooks.add({ url: 'http://hooks.example.com/x' })).rejects.toThrow(/https:\/\//);
    await expect(core.webhooks.add({ url: 'ftp://127.0.0.1/x' })).rejects.toThrow(/https/);
    await expect(core.webhooks.add({ url: 'https://user:pass@hooks.example.com/x' })).rejects.toThrow(
      /user name and password/,
    );
    await expect(core.webhooks.add({ url: `https://hooks.example.com/${'x'.repeat(3000)}` })).rejects.toThrow(
      /longer than/,
    );
    await expect(core.webhooks.add({ url: 'not a url' })).rejects.toThrow(/full URL/);
    await core.webhooks.add({ url: 'https://hooks.slack.com/services/T/B/abcdefgh' });
    expect(core.webhooks.list()[0]).toMatchObject({ name: 'Slack', urlHint: 'https://hooks.slack.com/…efgh' });
    await expect(
      core.webhooks.add({ url: 'https://hooks.slack.com/services/T/B/other', name: 'slack' }),
    ).rejects.toThrow(/exists already/);
    expect((await core.webhooks.add({ url: 'https://hooks.slack.com/services/T/B/third' })).name).toBe('Slack 2');
    await expect(core.webhooks.remove('nope')).rejects.toThrow(/No webhook "nope"/);
    // A secret in the host's name (https://<token>.m.pipedream.net) is masked too, and never becomes the name.
    const pipedream = await core.webhooks.add({ url: 'https://eo3xk2q9v7f1abc.m.pipedream.net/hook/path' });
    expect(pipedream).toMatchObject({ name: 'Webhook', urlHint: 'https://…pipedream.net/…path' });
    expect((await core.webhooks.add({ url: 'https://_x.example.com/hook/abc' })).name).toBe('Webhook 2');
  });

  it('test posts one message now and reports what the receiver answered', async () => {
    const { core } = await setup();
    await core.webhooks.add({ url: receiverUrl, format: 'slack', name: 'Team' });
    expect(await core.webhooks.test('team')).toMatchObject({ ok: true, status: 200 });
    receiver.answer({ status: 403 });
    expect(await core.webhooks.test('Team')).toMatchObject({
      ok: false,
      status: 403,
      message: expect.stringMatching(/HTTP 403/),
    });
    expect(slackProblem(receiver.posts[0])).toBeNull();
    expect((receiver.posts[0].json as { text: string }).text).toMatch(/Test from Spendwatch to "Team"/);
    // A JSON test carries one delivery id, in its body and its Idempotency-Key alike.
    await core.webhooks.add({ url: `${receiverUrl}/json`, format: 'json', name: 'Receiver' });
    expect(await core.webhooks.test('Receiver')).toMatchObject({ ok: true });
    const jsonTest = receiver.posts.at(-1)!;
    expect(jsonTest.json).toMatchObject({ type: 'spendwatch.test', deliveryId: jsonTest.headers['idempotency-key'] });
    // A test is not an alert: nothing waits in the outbox, nothing counts as delivered.
    expect(core.webhooks.list()[0]).toMatchObject({ pending: 0, delivered: 0 });
  });
});
