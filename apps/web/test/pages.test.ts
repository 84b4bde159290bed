/**
 * Every page of the console with real data (a model, a team target, a dataset, a saved pipeline
 * and two finished runs made by the worker): a screenshot of each (light; the main pages also dark
 * and at phone width, 390 px) in test/screenshots/, no serious or critical axe-core violation on
 * any page (and no colour-contrast one in dark mode), no horizontal scrolling on a phone, no
 * request to anything but the console and the gateway, and no error in the browser console.
 */
import type { Browser } from 'playwright-core';
import { createRun, graphql, uploadModel, waitForRun } from './support/api';
import { launchBrowser, openPage, signIn, type Variant, type WatchedPage } from './support/browser';
import { visit, type VisitReport } from './support/page-checks';
import type { PlatformInfo } from './support/platform-process';
import { getPlatform } from './support/shared-platform';
import { createTeam, type TestTeam } from './support/teams';

let platform: PlatformInfo;
let team: TestTeam;
let browser: Browser;
let modelId: string;
let pipelineId: string;
let runs: { a: string; b: string };
const tabs = new Map<Variant, WatchedPage>();

const TWO_STAGES = { targetId: 'raspberry-pi-4', stages: [{ plugin: 'prune-channels', params: { ratio: 0.25 } }, { plugin: 'quantize-int8' }] };
const ONE_STAGE = { targetId: 'raspberry-pi-4', stages: [{ plugin: 'quantize-int8' }] };

beforeAll(async () => {
  platform = await getPlatform();
  team = await createTeam(platform, 'Pages team');
  const api = (query: string, variables: Record<string, unknown> = {}) => graphql(platform.gatewayUrl, team.tokens.owner, query, variables);
  modelId = await uploadModel(platform.gatewayUrl, team.tokens.owner, 'ppocr-direction-classifier');
  // The worker starts on these while the pages without runs are checked.
  runs = { a: await createRun(platform.gatewayUrl, team.tokens.owner, modelId, TWO_STAGES), b: await createRun(platform.gatewayUrl, team.tokens.owner, modelId, ONE_STAGE) };
  const { target } = await api('query { target(id: "raspberry-pi-4") { definition } }');
  await api('mutation($d: JSONObject!) { createTarget(definition: $d) { id } }', { d: { ...target.definition, id: 'lab-board', name: 'Lab board (Pi 4, 2 GB)' } });
  await api('mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }', { i: { name: 'mnist-test', purpose: 'EVALUATION', format: 'MNIST_BUILTIN', sampleCount: 10000 } });
  pipelineId = (await api('mutation($i: SavePipelineInput!) { savePipeline(input: $i) { id } }', { i: { name: 'prune then quantize', spec: TWO_STAGES } })).savePipeline.id;
  browser = await launchBrowser();
  for (const variant of ['light', 'dark', 'phone'] as const) {
    const tab = await openPage(browser, variant, [platform.consoleUrl, platform.gatewayUrl]);
    await signIn(tab.page, platform.consoleUrl, team.tokens.owner);
    tabs.set(variant, tab);
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

function tab(variant: Variant): WatchedPage {
  const found = tabs.get(variant);
  if (!found) throw new Error(`No ${variant} tab: beforeAll failed`);
  return found;
}

/** Visits a page in light (always: every axe rule) and, for the main pages, dark and at phone width. */
/**
 * Dark mode's colours are custom properties shared by every component: these pages together show
 * all of them (badges, tables, forms, notices, charts), so dark contrast is checked on them.
 */
const DARK_CONTRAST_PAGES = ['overview', 'model', 'pipeline-builder', 'run', 'compare'];

async function check(path: string, name: string, main: boolean): Promise<VisitReport[]> {
  // The three tabs are independent: they load and are checked at the same time.
  const url = `${platform.consoleUrl}${path}`;
  return Promise.all([
    visit(tab('light').page, url, name, 'light', 'all'),
    ...(main ? [visit(tab('dark').page, url, name, 'dark', DARK_CONTRAST_PAGES.includes(name) ? 'contrast' : 'none'), visit(tab('phone').page, url, name, 'phone', 'none')] : []),
  ]);
}

function expectClean(reports: VisitReport[]): void {
  expect(reports.flatMap((report) => report.violations.map((violation) => ({ page: `${report.name}-${report.variant}`, ...violation })))).toEqual([]);
  expect(reports.filter((report) => report.variant === 'phone' && report.overflowPx > 0).map((report) => `${report.name}: ${report.overflowPx}px: ${report.overflowing.join('; ')}`)).toEqual([]);
}

const PAGES_WITHOUT_RUNS: { name: string; path: () => string; main: boolean }[] = [
  { name: 'overview', path: () => '/', main: true },
  { name: 'sign-in', path: () => '/sign-in', main: false },
  { name: 'targets', path: () => '/targets', main: true },
  { name: 'targets-filtered', path: () => '/targets?kind=MCU&precision=INT8', main: false },
  { name: 'target', path: () => '/targets/raspberry-pi-4', main: true },
  { name: 'team-target', path: () => '/targets/lab-board', main: false },
  { name: 'target-new', path: () => '/targets/new?from=raspberry-pi-4', main: false },
  { name: 'target-edit', path: () => '/targets/lab-board/edit', main: false },
  { name: 'models', path: () => '/models', main: true },
  { name: 'model-upload', path: () => '/models/new', main: false },
  { name: 'model', path: () => `/models/${modelId}`, main: true },
  { name: 'pipeline-builder', path: () => `/runs/new?pipeline=${pipelineId}&model=${modelId}`, main: true },
  { name: 'pipelines', path: () => '/pipelines', main: false },
  { name: 'datasets', path: () => '/datasets', main: false },
  { name: 'plugins', path: () => '/plugins', main: true },
  { name: 'plugin', path: () => '/plugins/quantize-int8', main: false },
  { name: 'not-found', path: () => '/no-such-page', main: false },
];

test.each(PAGES_WITHOUT_RUNS)('$name', async ({ path, name, main }) => {
  expectClean(await check(path(), name, main));
}, 120_000);

test('the run pages once the worker has finished both runs', async () => {
  await waitForRun(platform.gatewayUrl, team.tokens.viewer, runs.a, 240_000);
  await waitForRun(platform.gatewayUrl, team.tokens.viewer, runs.b, 240_000);
  const reports = [
    ...(await check('/runs', 'runs', true)),
    ...(await check(`/runs/${runs.a}`, 'run', true)),
    ...(await check(`/runs/compare?a=${runs.a}&b=${runs.b}`, 'compare', true)),
    ...(await check('/runs/compare', 'compare-pick', false)),
  ];
  expectClean(reports);
  const compare = tab('light').page;
  await compare.goto(`${platform.consoleUrl}/runs/compare?a=${runs.a}&b=${runs.b}`);
  await compare.getByRole('figure', { name: 'Size against fidelity per stage' }).waitFor();
  // Both runs on one chart: run A's three points and run B's two.
  expect(await compare.getByRole('figure', { name: 'Size against fidelity per stage' }).locator('svg circle').count()).toBe(5);
}, 360_000);

test('no request left the machine and the browser logged no error', () => {
  for (const [variant, tab] of tabs) {
    expect({ variant, external: tab.externalRequests }).toEqual({ variant, external: [] });
    // The not-found page answers 404 on purpose.
    expect({ variant, errors: tab.consoleErrors.filter((text) => !/status of 404 .*no-such-page/.test(text)) }).toEqual({ variant, errors: [] });
  }
});
