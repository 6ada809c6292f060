/**
 * The provider registry: everything that differs between spend providers, in one typed record. Adding a
 * provider to `PROVIDER_IDS` makes this record — and every other `Record<ProviderId, …>` —
 * a compile error until the new provider is described. Pure data and pure functions: main, CLI and renderer
 * read it alike.
 */
import {
  ANTHROPIC_ADMIN_KEYS_URL,
  ANTHROPIC_BILLING_URL,
  ANTHROPIC_COST_URL,
  OPENAI_ADMIN_KEYS_URL,
  OPENAI_BILLING_URL,
  OPENAI_USAGE_URL,
} from './links';

/** Every provider Spendwatch reads, in the order they are offered. `providerIdSchema` (domain.ts) is built from it. */
export const PROVIDER_IDS = ['openai', 'anthropic'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];
/** What a pasted key is, judged by its prefix only (the test call has the last word on anything unfamiliar). */
type KeyVerdict = { ok: true } | { ok: false; reason: string };

export interface ProviderInfo {
  /** "OpenAI", as shown to people. */
  name: string;
  /** What the provider calls a group of spend: "project" or "workspace". */
  projectNoun: 'project' | 'workspace';
  /** The name for spend outside any project/workspace (OpenAI: no project id; Anthropic: the default workspace). */
  unassignedName: string;
  /** The key that spend in `byProject` (and a budget for it) has: OpenAI's rows without a project id, Anthropic's default workspace. */
  unassignedId: string;
  /** What the provider's project (workspace) ids look like, so a budget can name one before it has spent anything. */
  projectIdPattern: RegExp;
  /** The same, for help text: "proj_…". */
  projectIdExample: string;
  defaultBaseUrl: string;
  /** The admin key's prefix, for help text: "sk-admin-…". */
  keyExample: string;
  keyHelp: string;
  checkKey(key: string): KeyVerdict;
  links: { adminKeys: string; billing: string; usage: string };
  capabilities: {
    /** Reading and writing the provider's own hard spend limit and email spend alerts. */
    spendControls: boolean;
  };
}

const OPENAI_ADMIN = /^sk-admin-/;
const ANTHROPIC_ADMIN = /^sk-ant-admin/;

export const PROVIDERS: Record<ProviderId, ProviderInfo> = {
  openai: {
    name: 'OpenAI',
    projectNoun: 'project',
    unassignedName: '(no project)',
    unassignedId: '(no project)',
    projectIdPattern: /^proj_[A-Za-z0-9_-]{1,100}$/,
    projectIdExample: 'proj_…',
    defaultBaseUrl: 'https://api.openai.com/v1',
    keyExample: 'sk-admin-…',
    keyHelp: `an OpenAI organization admin key (sk-admin-…) with read access to usage, from ${OPENAI_ADMIN_KEYS_URL}`,
    checkKey(key) {
      const k = key.trim();
      if (OPENAI_ADMIN.test(k)) return { ok: true };
      if (k.startsWith('sk-ant-'))
        return refuse('This is an Anthropic key; add it as an Anthropic account.', this.keyHelp);
      if (k.startsWith('sk-proj-')) return refuse('This is a project key (sk-proj-…).', this.keyHelp);
      if (k.startsWith('sk-svcacct-')) return refuse('This is a service-account key (sk-svcacct-…).', this.keyHelp);
      if (k.startsWith('sk-')) return refuse('This is a user API key, not an admin key.', this.keyHelp);
      return { ok: true }; // an unfamiliar format: the test call decides
    },
    links: { adminKeys: OPENAI_ADMIN_KEYS_URL, billing: OPENAI_BILLING_URL, usage: OPENAI_USAGE_URL },
    capabilities: { spendControls: true },
  },
  anthropic: {
    name: 'Anthropic',
    projectNoun: 'workspace',
    unassignedName: 'Default workspace',
    unassignedId: 'default',
    projectIdPattern: /^wrkspc_[A-Za-z0-9_-]{1,100}$/,
    projectIdExample: 'wrkspc_…',
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    keyExample: 'sk-ant-admin…',
    keyHelp: `an Anthropic Admin API key (sk-ant-admin…), from ${ANTHROPIC_ADMIN_KEYS_URL}`,
    checkKey(key) {
      const k = key.trim();
      if (ANTHROPIC_ADMIN.test(k)) return { ok: true };
      if (k.startsWith('sk-ant-'))
        return refuse(
          'This is an ordinary Anthropic API key (sk-ant-api…), which cannot read cost data.',
          this.keyHelp,
        );
      if (k.startsWith('sk-')) return refuse('This is an OpenAI key; add it as an OpenAI account.', this.keyHelp);
      return { ok: true };
    },
    links: { adminKeys: ANTHROPIC_ADMIN_KEYS_URL, billing: ANTHROPIC_BILLING_URL, usage: ANTHROPIC_COST_URL },
    capabilities: { spendControls: false },
  },
};

function refuse(what: string, help: string): KeyVerdict {
  return { ok: false, reason: `${what} Spendwatch needs ${help}, because only admin keys can read costs.` };
}
