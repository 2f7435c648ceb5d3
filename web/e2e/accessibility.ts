import { readFileSync } from 'node:fs';

import { type Page } from 'playwright-core';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA rules axe-core checks automatically (contrast, labels, names, roles, landmarks …). */
const wcagAA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/**
 * Fails with every WCAG A/AA violation axe-core finds on the page as it is now. The script runs through the
 * DevTools protocol, so the app's Content-Security-Policy (script-src 'self') need not be loosened for it.
 */
export async function expectNoAccessibilityViolations(page: Page, screen: string): Promise<void> {
  // The screen at rest: a pointer left over a chart dims the other series' legend entries on purpose, and text that
  // is still fading in (tab bodies, chart legends) is not yet the colour it will have.
  await page.mouse.move(0, 0);
  await page.evaluate(`Promise.race([
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
    new Promise((resolve) => setTimeout(resolve, 5000)),
  ])`);
  const { violations } = await page.evaluate<{ violations: readonly AxeViolation[] }>(
    `${axeSource};\naxe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(wcagAA)} } })`,
  );
  const found = violations.map(
    (v) =>
      `${v.impact ?? 'unknown'} ${v.id}: ${v.help} at ${v.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(' | ')} (${(v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').trim()})`,
  );
  if (found.length > 0) throw new Error(`${screen} breaks WCAG 2.1 AA:\n  ${found.join('\n  ')}`);
}
