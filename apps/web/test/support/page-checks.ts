/** What every page visit checks and records: settled content, axe, screenshots, no overflow on phones. */
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, type AxeFinding, type Variant } from './browser';

/** Waits until the page is hydrated and no loading state is left (every query has answered). */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(() => document.querySelector('main h1') !== null && !document.querySelector('.state.loading'), undefined, { timeout: 30_000 });
}

export interface VisitReport {
  name: string;
  variant: Variant;
  violations: AxeFinding[];
  /** Horizontal overflow of the document in CSS pixels (phones must have none). */
  overflowPx: number;
  /** The outermost elements that stick out to the right, when something overflows. */
  overflowing: string[];
}

export type AxeScope = 'all' | 'contrast' | 'none';

/**
 * Opens a page, screenshots it and checks it with axe: every rule, only colour contrast (in dark
 * mode the DOM is the same as in light, only colours change), or none (layout only).
 */
export async function visit(page: Page, url: string, name: string, variant: Variant, axe: AxeScope): Promise<VisitReport> {
  await page.goto(url);
  await settle(page);
  await screenshot(page, `${name}-${variant}`);
  const overflowPx = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const overflowing =
    overflowPx > 0
      ? await page.evaluate(() => {
          const limit = document.documentElement.clientWidth + 1;
          const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
          return Array.from(document.querySelectorAll('body *'))
            .filter((element) => element.getBoundingClientRect().right > limit && !(element.parentElement && element.parentElement.getBoundingClientRect().right > limit))
            .slice(0, 5)
            .map((element) => `${describe(element)} in ${element.parentElement ? describe(element.parentElement) : '-'} (right ${Math.round(element.getBoundingClientRect().right)}px)`);
        })
      : [];
  const violations = axe === 'all' ? await seriousViolations(page) : axe === 'contrast' ? await seriousViolations(page, ['color-contrast']) : [];
  return { name, variant, violations, overflowPx, overflowing };
}
