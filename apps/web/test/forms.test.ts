/**
 * The console's forms and controls in Debian's chromium: catalog filters against libs/targets'
 * own catalog, the team-target editor with the gateway's per-field errors, the pipeline builder's
 * parameter validation and keyboard reordering, sign-in errors and switching teams, the skip link
 * and visible focus.
 */
import { listTargets } from '@edgepress/targets';
import type { Browser, Page } from 'playwright-core';
import { graphql, uploadModel } from './support/api';
import { launchBrowser, openPage, screenshot, signIn, type WatchedPage } from './support/browser';
import { settle } from './support/page-checks';
import type { PlatformInfo } from './support/platform-process';
import { getPlatform } from './support/shared-platform';
import { createTeam, type TestTeam } from './support/teams';
import { until } from './support/wait';

let platform: PlatformInfo;
let team: TestTeam;
let other: TestTeam;
let browser: Browser;
let tab: WatchedPage;
let page: Page;

beforeAll(async () => {
  platform = await getPlatform();
  team = await createTeam(platform, 'Forms team');
  other = await createTeam(platform, 'Other team');
  await uploadModel(platform.gatewayUrl, team.tokens.owner, 'forms-model');
  await uploadModel(platform.gatewayUrl, other.tokens.owner, 'other-teams-model');
  browser = await launchBrowser();
  tab = await openPage(browser, 'light', [platform.consoleUrl, platform.gatewayUrl]);
  page = tab.page;
  await signIn(page, platform.consoleUrl, team.tokens.owner);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

async function targetNamesShown(): Promise<string[]> {
  const table = page.getByRole('region', { name: 'Hardware targets' });
  await table.waitFor();
  return (await table.locator('tbody tr td:first-child a').allTextContents()).sort();
}

test('catalog filters show exactly the catalog targets that match, and live in the address', async () => {
  await page.goto(`${platform.consoleUrl}/targets`);
  await settle(page);
  const all = listTargets().map((target) => target.name).sort();
  await until(async () => JSON.stringify(await targetNamesShown()) === JSON.stringify(all), 'the whole catalog');

  await page.getByRole('combobox', { name: 'Kind' }).selectOption('MCU');
  const mcus = listTargets().filter((t) => t.kind === 'mcu').map((t) => t.name).sort();
  await until(async () => JSON.stringify(await targetNamesShown()) === JSON.stringify(mcus), 'the MCU targets');
  expect(new URL(page.url()).searchParams.get('kind')).toBe('MCU');

  await page.getByRole('combobox', { name: 'Kind' }).selectOption('');
  await page.getByRole('combobox', { name: 'Accelerates' }).selectOption('INT8');
  await page.getByRole('textbox', { name: 'Min memory (MiB)' }).fill('1024');
  const expected = listTargets()
    .filter((t) => (t.precisions as readonly string[]).includes('int8') && t.memory.ramBytes >= 1024 * 1024 * 1024)
    .map((t) => t.name)
    .sort();
  await until(async () => JSON.stringify(await targetNamesShown()) === JSON.stringify(expected), 'int8 targets with at least 1 GiB');

  await page.getByRole('textbox', { name: 'Min memory (MiB)' }).fill('lots');
  await page.getByText('Enter a number of MiB').waitFor();
  expect(await page.getByRole('textbox', { name: 'Min memory (MiB)' }).getAttribute('aria-invalid')).toBe('true');
});

test('the target editor shows the gateway\'s errors on the fields they name, then saves and edits', async () => {
  await page.goto(`${platform.consoleUrl}/targets/new?from=raspberry-pi-4`);
  await settle(page);
  const field = (name: string) => page.getByRole('textbox', { name, exact: true });
  // Every field of the definition is a control of its own, built from the gateway's schema.
  await page.getByRole('combobox', { name: 'Architecture', exact: true }).waitFor();
  await field('Id').fill('raspberry-pi-4');
  // What the browser can check (the schema's own rules) is refused before any request.
  await field('Working memory (bytes)').fill('3.5');
  await page.getByRole('button', { name: 'Create target' }).click();
  await page.locator(`#${await describedError(field('Working memory (bytes)'))}`).filter({ hasText: 'Enter a whole number' }).waitFor();
  await field('Working memory (bytes)').fill(String(2 * 1024 ** 3));

  // Rules across fields only libs/targets knows: an x86 feature on an arm64 core, and a peak for a
  // precision that is not listed. Each lands on its own control.
  const isa = page.getByRole('group', { name: 'ISA features' });
  await isa.getByRole('checkbox', { name: 'avx2' }).check();
  const precisions = page.getByRole('group', { name: 'Precisions' });
  await precisions.getByRole('checkbox', { name: 'int8' }).uncheck();
  await page.getByRole('button', { name: 'Create target' }).click();
  await page.getByText(/fields? needs? attention/).waitFor();
  const int8Peak = page.getByRole('group', { name: 'Peak MAC/s per accelerated precision' }).getByRole('textbox', { name: 'int8', exact: true });
  expect(await int8Peak.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator(`#${await describedError(int8Peak)}`).textContent()).toMatch(/expected int8 in precisions/);
  expect(await page.locator(`#${await describedError(isa)}`).textContent()).toMatch(/expected a arm64 feature .*avx2/);
  await screenshot(page, 'forms-target-errors');

  // The id of a catalog target is refused next to the id field.
  await isa.getByRole('checkbox', { name: 'avx2' }).uncheck();
  await precisions.getByRole('checkbox', { name: 'int8' }).check();
  await page.getByRole('button', { name: 'Create target' }).click();
  await until(async () => (await field('Id').getAttribute('aria-invalid')) === 'true', 'the id error');
  expect(await page.locator(`#${await describedError(field('Id'))}`).textContent()).toMatch(/belongs to a catalog target/);

  await field('Id').fill('pi4-2gb');
  await field('Name').fill('Raspberry Pi 4 (2 GB)');
  await page.getByRole('button', { name: 'Create target' }).click();
  await page.waitForURL(/\/targets\/pi4-2gb$/);
  await page.getByRole('heading', { name: 'Raspberry Pi 4 (2 GB)' }).waitFor();
  const { target } = await graphql(platform.gatewayUrl, team.tokens.viewer, '{ target(id: "pi4-2gb") { memory { ramBytes } builtin isaFeatures: definition } }');
  expect(target).toMatchObject({ memory: { ramBytes: 2 * 1024 ** 3 }, builtin: false, isaFeatures: { isaFeatures: ['neon'] } });

  await page.getByRole('link', { name: 'Edit' }).click();
  await field('Name').waitFor();
  expect(await field('Id').getAttribute('readonly')).not.toBeNull();
  await field('Name').fill('Raspberry Pi 4 (2 GB), lab');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name: 'Raspberry Pi 4 (2 GB), lab' }).waitFor();
});

async function describedError(locator: ReturnType<Page['getByRole']>): Promise<string> {
  // The control's aria-describedby lists its help and its error; the error's id ends in -error.
  const ids = ((await locator.getAttribute('aria-describedby')) ?? '').split(' ');
  const id = ids.find((candidate) => candidate.endsWith('-error'));
  if (!id) throw new Error('The field has no error attached');
  return id.replace(/:/g, '\\:');
}

test('the pipeline builder validates parameters before sending, reorders by keyboard and saves', async () => {
  await page.goto(`${platform.consoleUrl}/runs/new`);
  await settle(page);
  await page.getByRole('combobox', { name: 'Target', exact: true }).selectOption('raspberry-pi-4');
  for (const plugin of ['prune-channels', 'quantize-int8']) {
    await page.getByLabel('Plugin for a new stage').selectOption(plugin);
    await page.getByRole('button', { name: 'Add stage' }).click();
  }
  // Focus moves to the new stage, so keyboard users land where they added.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^2\. quantize-int8/);

  const prune = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /prune-channels/ }) });
  const ratio = prune.getByRole('textbox', { name: 'Ratio', exact: true });
  await ratio.fill('2');
  let requests = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.method() === 'POST') requests += 1;
  });
  await page.getByRole('textbox', { name: 'Pipeline name' }).fill('keyboard pipeline');
  await page.getByRole('button', { name: 'Save pipeline' }).click();
  await page.getByText('Must be at most 0.95').waitFor();
  expect(await ratio.getAttribute('aria-invalid')).toBe('true');
  expect(requests).toBe(0);
  await ratio.fill('0.3');

  // Reorder with the keyboard only: focus "Move stage 2 up" and press Enter.
  await page.getByRole('button', { name: 'Move stage 2 (quantize-int8) up' }).focus();
  await page.keyboard.press('Enter');
  const titles = async () => page.getByRole('listitem').locator('h3').allTextContents();
  await until(async () => (await titles())[0]?.startsWith('1. quantize-int8') ?? false, 'quantize-int8 first');
  // The moved stage keeps the focus (on its "down" button, since it cannot go up any more).
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move stage 1 (quantize-int8) down');
  await page.keyboard.press('Enter');
  await until(async () => (await titles())[0]?.startsWith('1. prune-channels') ?? false, 'prune-channels first again');

  // A version range nothing satisfies: the gateway's error lands on that stage.
  const quantize = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /quantize-int8/ }) });
  await quantize.getByRole('textbox', { name: 'Version range' }).fill('^9.0.0');
  await page.getByRole('button', { name: 'Save pipeline' }).click();
  await quantize.getByRole('alert').filter({ hasText: /No published version of quantize-int8 matches/ }).waitFor();
  await screenshot(page, 'forms-builder-errors');

  await quantize.getByRole('textbox', { name: 'Version range' }).fill('*');
  await page.getByRole('button', { name: 'Save pipeline' }).click();
  await page.getByText('Saved the pipeline keyboard pipeline.').waitFor();
  const { pipelines } = await graphql(platform.gatewayUrl, team.tokens.viewer, '{ pipelines { nodes { name spec { targetId stages { plugin params } } } } }');
  expect(pipelines.nodes).toEqual([
    { name: 'keyboard pipeline', spec: { targetId: 'raspberry-pi-4', stages: [{ plugin: 'prune-channels', params: expect.objectContaining({ ratio: 0.3 }) }, { plugin: 'quantize-int8', params: expect.any(Object) }] } },
  ]);
});

test('sign-in refuses bad tokens, and a second team token switches teams', async () => {
  await page.goto(`${platform.consoleUrl}/sign-in`);
  const token = page.getByLabel('Team API token');
  await token.fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Enter an API token of the form').waitFor();
  await token.fill(`ep_aaaaaaaaaaaa_${'x'.repeat(43)}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('The gateway does not know this token').waitFor();

  await token.fill(other.tokens.viewer);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto(`${platform.consoleUrl}/models`);
  await page.getByRole('link', { name: 'other-teams-model' }).waitFor();
  expect(await page.getByRole('link', { name: 'forms-model' }).count()).toBe(0);

  await page.getByRole('combobox', { name: 'Team' }).selectOption(team.id);
  await page.getByRole('link', { name: 'forms-model' }).waitFor();
  expect(await page.getByRole('link', { name: 'other-teams-model' }).count()).toBe(0);
  // A viewer may not upload: the upload page says so instead of failing later.
  await page.getByRole('combobox', { name: 'Team' }).selectOption(other.id);
  await page.goto(`${platform.consoleUrl}/models/new`);
  await page.getByRole('heading', { name: 'Your token may not upload' }).waitFor();
});

test('the skip link comes first and focus is always visible', async () => {
  await page.goto(`${platform.consoleUrl}/targets`);
  await settle(page);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { tag: element.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline).toMatchObject({ outline: 'solid' });
    expect(outline.width).toBeGreaterThanOrEqual(2);
  }
  expect(tab.externalRequests).toEqual([]);
});
