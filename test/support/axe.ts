/** axe-core (WCAG 2.1 AA rules, written by Deque, not by us) run inside a playwright page. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * The serious and critical violations on the page (or under `selector`). The script is evaluated through the
 * DevTools protocol, so the page's strict CSP (no inline scripts) stays on while axe runs.
 */
export async function seriousViolations(page: Page, selector?: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.evaluate(axeSource);
  const context = selector ? JSON.stringify(selector) : 'document';
  const results = await page.evaluate<AxeFinding[]>(`(async () => {
    const { violations } = await window.axe.run(${context}, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary ?? '')) }));
  })()`);
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
