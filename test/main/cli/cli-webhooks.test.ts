/**
 * `spendwatch webhooks …` as a user runs it (real processes, real keychain), and alerts raised by two `sync`
 * processes at once reaching a loopback receiver exactly once each.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../fake-openai/organisations';
import { slackProblem, WebhookReceiver } from '../../fake-webhook/webhook-receiver';
import { ensureCliBuilt, runCli } from '../../support/cli';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY = `sk-admin-${'k'.repeat(20)}${Date.now()}`;

describe.runIf(keychain)('spendwatch webhooks', () => {
  let openai: FakeOpenAiServer;
  let receiver: WebhookReceiver;
  let receiverUrl: string;
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-webhooks-'));

  beforeAll(async () => {
    ensureCliBuilt();
    openai = new FakeOpenAiServer({ [KEY]: smallOrganisation(20) });
    const baseUrl = await openai.start();
    receiver = new WebhookReceiver();
    receiverUrl = await receiver.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme', '--base-url', baseUrl], {
          home,
          input: KEY,
        })
      ).code,
    ).toBe(0);
  }, 60_000);
  afterAll(async () => {
    for (const name of ['Team', 'Ops']) await runCli(['webhooks', 'remove', name], { home });
    await runCli(['accounts', 'remove', 'Acme'], { home });
    await Promise.all([openai.stop(), receiver.stop()]);
  });

  it('adds webhooks from --url and from stdin, keeps the URLs in the keychain only, and lists them masked', async () => {
    const added = await runCli(
      ['webhooks', 'add', '--url', `${receiverUrl}/slack/T0/B0/argv-secret`, '--name', 'Team'],
      { home },
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added webhook Team \(slack, http:\/\/127\.0\.0\.1:\d+\/…cret\)/);
    const piped = await runCli(['webhooks', 'add', '--url', '-', '--format', 'json', '--name', 'Ops'], {
      home,
      input: `${receiverUrl}/json/stdin-secret\n`,
    });
    expect(piped.code, piped.stderr).toBe(0);
    const list = await runCli(['webhooks', 'list', '--json'], { home });
    const doc = JSON.parse(list.stdout) as {
      webhooks: { name: string; format: string; url: string; pending: number; delivered: number }[];
    };
    expect(doc.webhooks.map((w) => [w.name, w.format, w.pending, w.delivered])).toEqual([
      ['Team', 'slack', 0, 0],
      ['Ops', 'json', 0, 0],
    ]);
    expect(list.stdout).not.toMatch(/argv-secret|stdin-secret/);
    expect((await runCli(['webhooks', 'list'], { home })).stdout).toMatch(
      /^Team\tslack\thttp:\/\/127\.0\.0\.1:\d+\/…cret\t0 waiting, 0 delivered, 0 failed\tnothing sent yet$/m,
    );
    expect(readFileSync(join(home, 'config.json'), 'utf8')).not.toMatch(/argv-secret|stdin-secret/);
  });

  it('refuses plain http beyond this machine, bad formats and unknown names with exit 2 or 1, changing nothing', async () => {
    const plain = await runCli(['webhooks', 'add', '--url', 'http://hooks.example.com/x'], { home });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/Plain http:\/\/ is refused except for this machine/);
    expect(
      (await runCli(['webhooks', 'add', '--url', 'https://hooks.example.com/x', '--format', 'xml'], { home })).code,
    ).toBe(2);
    const unknown = await runCli(['webhooks', 'test', 'nope'], { home });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No webhook "nope"\. Known: Team, Ops\./);
    expect(JSON.parse((await runCli(['webhooks', 'list', '--json'], { home })).stdout).webhooks).toHaveLength(2);
  });

  it('test posts now and exits 1 when the receiver refuses', async () => {
    const ok = await runCli(['webhooks', 'test', 'Team'], { home });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('Delivered to "Team" (HTTP 200).\n');
    expect(slackProblem(receiver.posts.at(-1)!)).toBeNull();
    receiver.answer({ status: 500 });
    const refused = await runCli(['webhooks', 'test', 'Ops', '--json'], { home });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      ok: false,
      status: 500,
      message: 'Not delivered to "Ops": the receiver answered HTTP 500.',
    });
  });

  it('two syncs at once post every alert they raise exactly once to each webhook, before the commands exit', async () => {
    // A $1 budget before the first sync: the sync finds it crossed.
    expect((await runCli(['budget', 'set', '--account', 'Acme', '--monthly', '1'], { home })).code).toBe(0);
    receiver.posts.length = 0;
    const [a, b] = await Promise.all([runCli(['sync', '--json'], { home }), runCli(['sync', '--json'], { home })]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const raised = [a, b].flatMap((r) => (JSON.parse(r.stdout) as { alerts: { id: string; title: string }[] }).alerts);
    expect(raised.length).toBeGreaterThan(0);
    expect(new Set(raised.map((x) => x.id)).size).toBe(raised.length);
    const json = receiver.posts
      .filter((p) => p.path.startsWith('/json/'))
      .map((p) => (p.json as { alert: { id: string } }).alert.id);
    const slack = receiver.posts
      .filter((p) => p.path.startsWith('/slack/'))
      .map((p) => (p.json as { text: string }).text);
    expect(json.sort()).toEqual(raised.map((x) => x.id).sort());
    expect(slack).toHaveLength(raised.length);
    for (const alert of raised) expect(slack.filter((t) => t.includes(alert.title))).toHaveLength(1);
    const list = JSON.parse((await runCli(['webhooks', 'list', '--json'], { home })).stdout) as {
      webhooks: { name: string; pending: number; delivered: number }[];
    };
    expect(list.webhooks.map((w) => [w.name, w.pending, w.delivered])).toEqual([
      ['Team', 0, raised.length],
      ['Ops', 0, raised.length],
    ]);
  });

  it('remove takes the webhook, its keychain entry and its waiting alerts away', async () => {
    const removed = await runCli(['webhooks', 'remove', 'ops'], { home });
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toBe('Removed webhook Ops.\n');
    expect(
      JSON.parse((await runCli(['webhooks', 'list', '--json'], { home })).stdout).webhooks.map(
        (w: { name: string }) => w.name,
      ),
    ).toEqual(['Team']);
    expect((await runCli(['webhooks', 'remove', 'Ops'], { home })).code).toBe(1);
  });
});
