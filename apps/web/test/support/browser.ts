/**
 * Debian's chromium driven by playwright-core (never a downloaded browser), with the checks every
 * page gets: an axe-core scan (no serious or critical violation), no request leaving the machine,
 * no console error, and screenshots into test/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(__dirname, '../screenshots');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export type Variant = 'light' | 'dark' | 'phone';

export const VARIANTS: Record<Variant, { viewport: { width: number; height: number }; colorScheme: 'light' | 'dark'; isMobile?: boolean }> = {
  light: { viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  dark: { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  phone: { viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true },
};

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Requests to anything but the console and the gateway (must stay empty). */
  externalRequests: string[];
  consoleErrors: string[];
}

/** A page whose requests and console errors are recorded; `allowedOrigins` are the console's and the gateway's. */
export async function openPage(browser: Browser, variant: Variant, allowedOrigins: readonly string[]): Promise<WatchedPage> {
  const { viewport, colorScheme, isMobile } = VARIANTS[variant];
  const context = await browser.newContext({ viewport, colorScheme, isMobile, hasTouch: isMobile, acceptDownloads: true, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const externalRequests: string[] = [];
  const consoleErrors: string[] = [];
  const allowed = allowedOrigins.map((origin) => new URL(origin).host);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!allowed.includes(url.host)) externalRequests.push(request.url());
  });
  page.on('websocket', (socket) => {
    if (!allowed.includes(new URL(socket.url()).host)) externalRequests.push(socket.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, context, externalRequests, consoleErrors };
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Violations of impact serious or critical on the page as it is now (WCAG 2.1 A/AA and best practices, or the given rules). */
export async function seriousViolations(page: Page, rules?: string[]): Promise<AxeFinding[]> {
  const builder = new AxeBuilder({ page });
  const results = await (rules ? builder.withRules(rules) : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact ?? '', help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs the page's tab in with a token through the sign-in form, as a person would. */
export async function signIn(page: Page, consoleUrl: string, token: string): Promise<void> {
  await page.goto(`${consoleUrl}/sign-in`);
  await page.getByLabel('Team API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}
