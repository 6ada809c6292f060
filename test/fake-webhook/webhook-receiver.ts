/**
 * A loopback stand-in for what we don't own: Slack's incoming webhooks and a team's JSON receiver. It records
 * every POST, and answers as told per request: succeed, fail with a status, hang (never answer), or reset.
 * Slack's side is checked against its documented contract: a JSON object with a non-empty `text` string (and
 * optional `blocks`), Content-Type application/json; it answers 200 "ok".
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Behaviour = 'ok' | 'hang' | 'reset' | { status: number; retryAfter?: string } | { slowMs: number };

export interface ReceivedPost {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: unknown;
  /** What the receiver answered this one. */
  answered: Behaviour;
}

export class WebhookReceiver {
  readonly posts: ReceivedPost[] = [];
  /** Answers for the next requests, in order; once used up, `then` applies. */
  private script: Behaviour[] = [];
  /** Called as each post is answered (a test can move its clock: each post "takes" that long). */
  onAnswer: (() => void) | undefined;
  private fallback: Behaviour = 'ok';
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  answer(...next: Behaviour[]): this {
    this.script.push(...next);
    return this;
  }

  then(behaviour: Behaviour): this {
    this.fallback = behaviour;
    return this;
  }

  /** Posts that were answered with success (what a team actually received). */
  get delivered(): ReceivedPost[] {
    return this.posts.filter((p) => p.answered === 'ok' || (typeof p.answered === 'object' && 'slowMs' in p.answered));
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          // recorded as not JSON; the tests assert on it
        }
        const behaviour = this.script.shift() ?? this.fallback;
        this.posts.push({ path: req.url ?? '/', headers: req.headers, body, json, answered: behaviour });
        if (behaviour === 'hang') return; // never answers: the sender's timeout must end it
        if (behaviour === 'reset') return req.socket.destroy();
        if (typeof behaviour === 'object' && 'slowMs' in behaviour) {
          setTimeout(() => {
            this.onAnswer?.();
            res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
          }, behaviour.slowMs);
          return;
        }
        if (behaviour === 'ok') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          return res.end('ok');
        }
        res.writeHead(behaviour.status, {
          'content-type': 'text/plain',
          ...(behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {}),
        });
        res.end('error');
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** Slack's incoming-webhook contract (api.slack.com/messaging/webhooks): what a post must be for Slack to take it. */
export function slackProblem(post: ReceivedPost): string | null {
  if (!String(post.headers['content-type']).startsWith('application/json'))
    return 'content-type is not application/json';
  const body = post.json as { text?: unknown; blocks?: unknown } | null;
  if (!body || typeof body !== 'object') return 'body is not a JSON object';
  if (typeof body.text !== 'string' || !body.text.trim()) return 'no text';
  if (body.blocks !== undefined && !Array.isArray(body.blocks)) return 'blocks is not an array';
  for (const block of (body.blocks as { type?: unknown; text?: { type?: unknown; text?: unknown } }[] | undefined) ??
    []) {
    if (block.type !== 'section' && block.type !== 'context') return `unexpected block type ${String(block.type)}`;
    if (
      block.type === 'section' &&
      (block.text?.type !== 'mrkdwn' || typeof block.text.text !== 'string' || block.text.text.length > 3000)
    )
      return 'bad section text';
  }
  return null;
}
