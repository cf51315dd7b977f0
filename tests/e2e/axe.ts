/**
 * Accessibility of a screen as axe-core sees it, in the light and the dark colour scheme
 * (contrast differs between them): every rule axe runs by default, best practices included
 * (heading order, landmarks), and no impact is tolerated. On failure the message lists each
 * violation with its rule, impact, the elements and what to fix, so it reads without a rerun.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

type Scheme = 'light' | 'dark';
const SCHEMES: readonly Scheme[] = ['light', 'dark'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** One violation as lines a person can act on: rule, impact, help, then each element and its summary. */
function describeViolations(results: AxeResults): string[] {
  return results.violations.map((violation) => {
    const nodes = violation.nodes.map((node) => {
      const summary = (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ');
      return `    at ${node.target.join(' ')}\n      ${node.html}\n      ${summary}`;
    });
    return `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help} — ${violation.helpUrl}\n${nodes.join('\n')}`;
  });
}

/**
 * Run axe on the page as it is now, once per colour scheme, and fail listing every
 * violation of either. The page's own scheme is put back afterwards, so screenshots taken
 * after the check look as before.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const wasDark = await page.evaluate('matchMedia("(prefers-color-scheme: dark)").matches');
  const found: Record<Scheme, string[]> = { light: [], dark: [] };
  try {
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      // Legacy mode runs axe in the page itself instead of opening a blank page per run to
      // merge frames' results: the app has no frames, and the extra page slowed every check.
      found[colorScheme] = describeViolations(await new AxeBuilder({ page }).setLegacyMode(true).analyze());
    }
  } finally {
    await page.emulateMedia({ colorScheme: wasDark === true ? 'dark' : 'light' });
  }
  const report = SCHEMES.flatMap((scheme) => found[scheme].map((text) => `[${scheme}] ${text}`));
  expect(report.length, `axe-core violations on ${label}:\n${report.join('\n\n')}\n`).toBe(0);
}
