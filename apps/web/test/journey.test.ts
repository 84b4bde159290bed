/**
 * The whole journey in Debian's chromium against a real gateway, worker, kernel server and
 * PostgreSQL: sign in, upload the PP-OCR direction classifier (with upload progress), read its
 * summary and compatibility matrix, build a two-stage pipeline (prune-channels then
 * quantize-int8 on raspberry-pi-4), watch the run finish live over the WebSocket, open its chart
 * and download the final model: the artifact's bytes, parsed by python's onnx and run by ONNX
 * Runtime.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { CLASSIFIER_PATH, graphql } from './support/api';
import { launchBrowser, openPage, screenshot, seriousViolations, signIn, type WatchedPage } from './support/browser';
import { onnxFacts, runOnce } from './support/onnx-reference';
import type { PlatformInfo } from './support/platform-process';
import { getPlatform } from './support/shared-platform';
import { createTeam, type TestTeam } from './support/teams';
import { until } from './support/wait';

let platform: PlatformInfo;
let team: TestTeam;
let browser: Browser;
let tab: WatchedPage;

beforeAll(async () => {
  platform = await getPlatform();
  team = await createTeam(platform, 'Journey team');
  browser = await launchBrowser();
  tab = await openPage(browser, 'light', [platform.consoleUrl, platform.gatewayUrl]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

const runTimeoutMs = 150_000;

test('sign in, upload, inspect, build a two-stage pipeline, watch it finish live, chart and download', async () => {
  const { page } = tab;
  await signIn(page, platform.consoleUrl, team.tokens.owner);
  expect(await page.getByLabel('Team').inputValue()).toBe(team.id);

  // Upload with progress: the upload is throttled so that the progress bar shows intermediate values.
  await page.getByRole('link', { name: 'Models' }).first().click();
  await page.getByRole('link', { name: 'Upload a model' }).first().click();
  await page.getByLabel('ONNX model file').setInputFiles(CLASSIFIER_PATH);
  expect(await page.getByLabel('Name').inputValue()).toBe('ch_ppocr_mobile_v2.0_cls_infer');
  // The classifier's input is [batch, 3, height, width] with symbolic sizes: give them values so
  // that MACs and the estimates are complete.
  await page.getByLabel('Symbolic dimension values').fill('p2o.DynamicDimension.0 = 1\np2o.DynamicDimension.1 = 48\np2o.DynamicDimension.2 = 192');
  const cdp = await tab.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 300 * 1024 });
  const progressSeen: number[] = [];
  await page.getByRole('button', { name: 'Upload and register' }).click();
  const progress = page.getByRole('progressbar');
  await progress.waitFor();
  for (let i = 0; i < 40 && (await progress.isVisible().catch(() => false)); i += 1) {
    const value = Number(await progress.getAttribute('value').catch(() => 'NaN'));
    if (Number.isFinite(value)) progressSeen.push(value);
    await page.waitForTimeout(100);
  }
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const size = statSync(CLASSIFIER_PATH).size;
  expect(progressSeen.some((value) => value > 0 && value < size)).toBe(true);
  await page.waitForURL(/\/models\/[0-9a-f-]{36}$/);
  const modelUrl = page.url();

  // The summary against python's onnx: every operator count of the original file.
  await page.getByRole('heading', { name: 'ch_ppocr_mobile_v2.0_cls_infer' }).waitFor();
  const facts = onnxFacts(CLASSIFIER_PATH);
  const operatorTable = page.getByRole('region', { name: 'Operator histogram' });
  for (const [op, count] of Object.entries(facts.ops)) {
    await operatorTable.getByRole('row', { name: new RegExp(`^${op.replace('.', '\\.')} ${count}$`) }).waitFor();
  }
  await page.getByRole('region', { name: 'Inputs' }).getByText(facts.inputs[0], { exact: true }).waitFor();
  expect(await page.getByText('(lower bound)').count()).toBe(0);
  const matrix = page.getByRole('region', { name: 'Compatibility matrix' });
  await matrix.getByRole('link', { name: /Raspberry Pi 4/ }).waitFor();
  expect(await matrix.locator('tbody tr').count()).toBeGreaterThanOrEqual(10);
  const pi4 = matrix.locator('tbody tr').filter({ has: page.getByRole('link', { name: /Raspberry Pi 4/ }) });
  // Latency and energy per inference, from the roofline estimate with every shape known.
  expect(await pi4.locator('td.num').first().textContent()).toMatch(/^[1-9][\d.]* (µs|ms)$/);
  expect(await pi4.locator('td.num').nth(1).textContent()).toMatch(/^[1-9][\d.]* (µJ|mJ)$/);
  await screenshot(page, 'journey-model');
  expect(await seriousViolations(page)).toEqual([]);

  // The pipeline builder: target, two stages from the plugins, a parameter changed from its default.
  await page.getByRole('link', { name: 'Compress this model' }).click();
  await page.getByRole('combobox', { name: 'Target', exact: true }).waitFor();
  expect(await page.getByLabel('Model', { exact: true }).inputValue()).toBe(modelUrl.split('/').pop());
  await page.getByRole('combobox', { name: 'Target', exact: true }).selectOption('raspberry-pi-4');
  await page.getByLabel('Plugin for a new stage').selectOption('prune-channels');
  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByLabel('Plugin for a new stage').selectOption('quantize-int8');
  await page.getByRole('button', { name: 'Add stage' }).click();
  const firstStage = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^1\. prune-channels/ }) });
  await firstStage.getByRole('textbox', { name: 'Ratio', exact: true }).fill('0.2');
  await screenshot(page, 'journey-builder');
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);

  // Live: progress arrives over the gateway's WebSocket; the page is never reloaded.
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });
  const status = page.getByRole('heading', { name: /Status/ }).locator('.badge');
  await until(async () => ['succeeded', 'failed', 'cancelled'].includes((await status.textContent()) ?? ''), 'the run to finish', runTimeoutMs).catch(async (error: unknown) => {
    await screenshot(page, 'journey-run-timeout');
    throw new Error(`The run did not finish in time (platform logs: ${platform.logDir}): ${String(error)}`);
  });
  if ((await status.textContent()) !== 'succeeded') {
    await screenshot(page, 'journey-run-failed');
    throw new Error(`The run ${await status.textContent()}: ${await page.locator('.state.error').first().textContent()} (platform logs: ${platform.logDir})`);
  }
  expect(loads).toBe(0);
  expect(frames.some((frame) => frame.includes('STAGE_COMPLETED'))).toBe(true);
  // The badge can turn "succeeded" from the reload that the last STAGE_COMPLETED triggers, a moment
  // before the RUN_FINISHED frame arrives; the page keeps following the run until the gateway ends
  // the subscription after it.
  await until(async () => frames.some((frame) => frame.includes('RUN_FINISHED')), 'the RUN_FINISHED frame');

  // The chart: the original model and both stages, size against fidelity.
  const chart = page.getByRole('figure', { name: 'Size against fidelity per stage' });
  await chart.scrollIntoViewIfNeeded();
  await chart.getByText('Show the data').click();
  const rows = chart.getByRole('region').locator('tbody tr');
  await until(async () => (await rows.count()) === 3, 'three points in the chart data');
  expect(await rows.nth(1).textContent()).toContain('1 prune-channels');
  expect(await rows.nth(2).textContent()).toContain('2 quantize-int8');
  expect(await chart.locator('svg circle').count()).toBe(3);
  await screenshot(page, 'journey-run');
  expect(await seriousViolations(page)).toEqual([]);

  // Both reports are offered next to the models: report.json and the standalone HTML page.
  const reportPage = page.getByRole('link', { name: 'Run report as a page' });
  await until(async () => (await reportPage.count()) === 1 && (await page.getByRole('link', { name: 'Run report', exact: true }).count()) === 1, 'both report links');
  const [reportDownload] = await Promise.all([page.waitForEvent('download'), reportPage.click()]);
  expect(reportDownload.suggestedFilename()).toMatch(/-report\.html$/);
  const reportHtml = readFileSync((await reportDownload.path()) as string, 'utf8');
  expect(reportHtml).toMatch(/^<!doctype html>/i);
  expect(reportHtml).toContain('quantize-int8');
  expect(reportHtml).not.toMatch(/<script/i);

  // The artifact: the final model, an ONNX file python's checker accepts, with the original's interface.
  const downloadDir = await mkdtemp(path.join(tmpdir(), 'edgepress-web-download-'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the final model' }).click()]);
  const file = path.join(downloadDir, download.suggestedFilename());
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/\.onnx$/);
  const downloaded = onnxFacts(file);
  expect(downloaded.inputs).toEqual(facts.inputs);
  expect(downloaded.outputs).toEqual(facts.outputs);
  // ONNX Runtime loads and runs it: still the classifier's two-way softmax.
  const [output] = Object.values(runOnce(file, facts.inputs[0], [1, 3, 48, 192]));
  expect(output.dims).toEqual([1, 2]);
  expect(output.data[0] + output.data[1]).toBeCloseTo(1, 3);
  // A valid ONNX model by the standard's own checker, not only one ONNX Runtime tolerates.
  expect(downloaded.checker).toBeNull();
  expect(Object.keys(downloaded.ops).some((op) => /QuantizeLinear|QLinear|Integer/.test(op))).toBe(true);
  const runId = new URL(page.url()).pathname.split('/').pop();
  const { run } = await graphql(platform.gatewayUrl, team.tokens.viewer, 'query($id: ID!) { run(id: $id) { artifacts { kind stageIndex blobSha256 sizeBytes } } }', { id: runId });
  const final = run.artifacts.find((artifact: { kind: string; stageIndex: number | null }) => artifact.kind === 'MODEL' && artifact.stageIndex === 1);
  const bytes = readFileSync(file);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(final.blobSha256);
  expect(bytes.length).toBe(final.sizeBytes);
  expect(bytes.length).toBeLessThan(size);

  expect(tab.externalRequests).toEqual([]);
  expect(tab.consoleErrors).toEqual([]);
}, 300_000);
