/**
 * The platform end to end over its public API, with real processes (a kernel server and a worker)
 * and PostgreSQL on 127.0.0.1:5432: a team token created over GraphQL, the PP-OCR direction
 * classifier uploaded and compressed on raspberry-pi-4 with prune-channels then quantize-int8
 * (calibrated on real text lines), progress followed over a graphql-ws subscription, the artifact
 * downloaded and run in ONNX Runtime next to the original, the per-stage metrics read back; a run
 * cancelled in the middle of a stage; and the CLI (login, run --wait, runs, download).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './support/app-process';
import { followRunProgress, RUN_DETAILS, type GatewayApi, type RunDetails, type RunEventView } from './support/gateway-api';
import { ocrLinesJsonl } from './support/ocr-lines';
import { CLASSIFIER, createRun, registerClassifier, registerOcrCalibration, startTestPlatform, type TestPlatform } from './support/test-platform';

const ORT_COMPARE = path.join(__dirname, 'support', 'ort-compare.cjs');

function runNode(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface OrtComparison {
  samples: number;
  shapes: Record<string, { reference: number[]; candidate: number[] }>;
  cosine: number;
  top1Agreement: number;
}

/** Runs the original and the candidate model in ONNX Runtime (another process) on the held-out text lines. */
async function compareInOrt(candidate: string, heldOut: string): Promise<OrtComparison> {
  const result = await runNode([ORT_COMPARE, CLASSIFIER, candidate, heldOut]);
  if (result.code !== 0) throw new Error(`ONNX Runtime could not run ${candidate}: ${result.stderr}`);
  return JSON.parse(result.stdout) as OrtComparison;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the platform over HTTP (real processes, PostgreSQL on 127.0.0.1:5432)', () => {
  let platform: TestPlatform;
  let member: GatewayApi;
  let modelId: string;
  let calibrationId: string;
  let scratch: string;
  /** Text lines the calibration never saw (lines 9 to 24), for the independent check in ONNX Runtime. */
  let heldOut: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ kernelServers: 1, workers: 1 });
    scratch = await mkdtemp(path.join(tmpdir(), 'edgepress-e2e-'));
    heldOut = path.join(scratch, 'held-out-lines.jsonl');
    await writeFile(heldOut, ocrLinesJsonl(16, 8));
  }, 240_000);
  afterAll(async () => {
    await platform?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('creates a team token over the API and works with it', async () => {
    const { createApiToken } = await platform.api.query<{ createApiToken: { secret: string; token: { role: string } } }>(
      'mutation { createApiToken(input: { name: "e2e member", role: MEMBER }) { secret token { role } } }',
    );
    expect(createApiToken.token.role).toBe('MEMBER');
    member = platform.api.withToken(createApiToken.secret);
    const { viewer } = await member.query<{ viewer: { role: string; team: { slug: string } } }>('{ viewer { role team { slug } } }');
    expect(viewer).toEqual({ role: 'MEMBER', team: { slug: 'demo' } });
    modelId = await registerClassifier(member, 'ppocr-cls');
    calibrationId = await registerOcrCalibration(member, 'ocr-lines-8', 8);
  });

  it('compresses the PP-OCR classifier with prune-channels and quantize-int8, streaming progress, and serves a model that ONNX Runtime runs', async () => {
    const runId = await createRun(member, modelId, { stages: [{ plugin: 'prune-channels' }, { plugin: 'quantize-int8' }], calibrationDatasetId: calibrationId });
    const client = member.subscriptions();
    const events = await followRunProgress(client, runId).finally(() => client.dispose());

    const { run } = await member.query<{ run: RunDetails }>(RUN_DETAILS, { id: runId });
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ state: 'SUCCEEDED', attempt: 1, progress: 1 });

    const lifecycle = events.filter((event) => event.kind !== 'PROGRESS').map((event) => `${event.kind}:${event.stageIndex ?? event.state}`);
    expect(lifecycle).toEqual(['STAGE_STARTED:0', 'STAGE_COMPLETED:0', 'STAGE_STARTED:1', 'STAGE_COMPLETED:1', 'RUN_FINISHED:SUCCEEDED']);
    const fractions = events.filter((event) => event.kind === 'PROGRESS').map((event) => event.fraction ?? 0);
    expect(fractions.length).toBeGreaterThan(0);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(run.stages.map((stage) => [stage.pluginName, stage.state, stage.attempt])).toEqual([
      ['prune-channels', 'SUCCEEDED', 1],
      ['quantize-int8', 'SUCCEEDED', 1],
    ]);
    // One model per stage, one report: nothing recorded twice.
    expect(run.artifacts.map((artifact) => `${artifact.kind}:${artifact.stageIndex}`).sort()).toEqual(['MODEL:0', 'MODEL:1', 'REPORT:null', 'REPORT_HTML:null']);

    const { model } = await member.query<{ model: { sizeBytes: number; summary: { parameters: number } } }>('query ($id: ID!) { model(id: $id) { sizeBytes summary { parameters } } }', { id: modelId });
    const [pruned, quantized] = run.stages;
    // Pruning removes parameters; int8 weights take about 8 bits each and a quarter of the bytes.
    expect(pruned.metrics?.parameters).toBeLessThan(model.summary.parameters);
    expect(quantized.metrics?.bitsPerWeight).toBeLessThan(10);
    expect(quantized.metrics?.sizeBytes).toBeLessThan(model.sizeBytes / 2.5);
    for (const stage of run.stages) {
      expect(stage.metrics?.latency?.medianMs).toBeGreaterThan(0);
      expect(stage.metrics?.estimate?.targetId).toBe('raspberry-pi-4');
      expect(stage.metrics?.fidelity?.cosine).toBeGreaterThan(0.9);
    }

    // The final model, through the artifact route, is what the stage recorded, and it runs.
    const final = quantized.artifact;
    expect(final).not.toBeNull();
    const bytes = await member.download(`/v1/artifacts/${final?.id}`);
    expect(sha256(bytes)).toBe(final?.blobSha256);
    expect(bytes.length).toBe(quantized.metrics?.sizeBytes);
    const file = path.join(scratch, 'cls-int8.onnx');
    await writeFile(file, bytes);
    const ort = await compareInOrt(file, heldOut);
    expect(ort.samples).toBe(16);
    for (const shapes of Object.values(ort.shapes)) expect(shapes.candidate).toEqual(shapes.reference);
    // Measured here: cosine 0.975 and 15 of 16 lines with the same top-1 direction.
    expect(ort.cosine).toBeGreaterThan(0.9);
    expect(ort.top1Agreement).toBeGreaterThanOrEqual(0.75);

    // report.json: the baseline and both stages, with the sizes the stages recorded.
    const report = JSON.parse((await member.download(run.report?.downloadUrl ?? '')).toString('utf8')) as { baseline: { sizeBytes: number }; stages: { plugin: string; sizeBytes: number }[] };
    expect(report.baseline.sizeBytes).toBe(model.sizeBytes);
    expect(report.stages.map((stage) => [stage.plugin, stage.sizeBytes])).toEqual(run.stages.map((stage) => [stage.pluginName, stage.metrics?.sizeBytes]));

    // And in the tables: each stage once, each artifact once.
    const { rows } = await platform.db.pool.query<{ stage_index: number | null; kind: string; count: string }>(
      'SELECT stage_index, kind, count(*) FROM artifacts WHERE run_id = $1 GROUP BY stage_index, kind ORDER BY stage_index NULLS LAST, kind',
      [runId],
    );
    expect(rows.map((row) => [row.stage_index, row.kind, Number(row.count)])).toEqual([
      [0, 'model', 1],
      [1, 'model', 1],
      [null, 'report', 1],
      [null, 'report-html', 1],
    ]);
  });

  it('cancels a run in the middle of a stage: its sandbox is stopped and the worker goes on', async () => {
    // Sandbox processes are `node --no-node-snapshot ... -e <script>` children of the worker (see
    // libs/plugin-host); the worker's other child is tsx's esbuild service.
    const worker = platform.workers[0];
    const sandboxesOf = async (pid: number) => {
      const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean);
      const commands = await Promise.all(children.map(async (child) => (await readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => '')).split('\0')));
      return commands.filter((command) => command.includes('--no-node-snapshot'));
    };
    const waitFor = async (condition: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      return condition();
    };
    const runId = await createRun(member, modelId, { stages: [{ plugin: 'quantize-int8', params: { mode: 'static' } }, { plugin: 'fold-constants' }], calibrationDatasetId: calibrationId });
    const client = member.subscriptions();
    let cancelled: Promise<{ sandboxRunning: boolean; answer: unknown }> | undefined;
    const events = await followRunProgress(client, runId, (event: RunEventView) => {
      if (event.kind !== 'STAGE_STARTED' || cancelled !== undefined) return;
      cancelled = (async () => {
        const sandboxRunning = await waitFor(async () => (await sandboxesOf(worker.child.pid as number)).length > 0);
        return { sandboxRunning, answer: await member.query('mutation ($id: ID!) { cancelRun(id: $id) { state } }', { id: runId }) };
      })();
    }).finally(() => client.dispose());
    await expect(cancelled).resolves.toEqual({ sandboxRunning: true, answer: { cancelRun: { state: 'CANCELLING' } } });
    expect(events[events.length - 1]).toMatchObject({ kind: 'RUN_FINISHED', state: 'CANCELLED' });
    const { run } = await member.query<{ run: RunDetails }>(RUN_DETAILS, { id: runId });
    expect(run.state).toBe('CANCELLED');
    expect(run.stages.map((stage) => stage.state)).toEqual(['CANCELLED', 'PENDING']);
    expect(await waitFor(async () => (await sandboxesOf(worker.child.pid as number)).length === 0)).toBe(true);
    expect(worker.alive()).toBe(true);
  });

  it('the CLI logs in, runs with --wait, lists runs and downloads the final model', async () => {
    const env = { EDGEPRESS_CONFIG_DIR: path.join(scratch, 'cli-config') };
    const bin = path.join(REPO_ROOT, 'tools', 'cli', 'bin', 'edgepress.cjs');
    const cli = (...args: string[]) => runNode([bin, ...args], env);

    const login = await cli('login', '--gateway', member.url, '--token', member.token);
    expect(login).toMatchObject({ code: 0 });
    expect(login.stdout).toMatch(/Logged in to .* as team Demo team \(demo\), role member/);

    const calibration = path.join(scratch, 'cli-calibration.jsonl');
    await writeFile(calibration, ocrLinesJsonl(8));
    const run = await cli('run', CLASSIFIER, '--target', 'raspberry-pi-4', '--stage', 'quantize-int8:mode=static,granularity=per-channel,calibration=minmax', '--calibration', calibration, '--name', 'ppocr-cls', '--wait');
    expect(run.stderr).toMatch(/model "ppocr-cls" is already registered with these bytes/);
    expect(run.code).toBe(0);
    const runId = /^run ([0-9a-f-]{36}):/m.exec(run.stdout)?.[1];
    expect(runId).toBeDefined();
    expect(run.stdout).toMatch(/\[1\/1\] quantize-int8: started/);
    expect(run.stdout).toMatch(/run succeeded/);
    expect(run.stdout).toMatch(/quantize-int8@\S+\s+succeeded/);
    const { run: created } = await member.query<{ run: { spec: { calibrationDataset: { name: string; sampleCount: number; format: string } } } }>(
      'query ($id: ID!) { run(id: $id) { spec { calibrationDataset { name sampleCount format } } } }',
      { id: runId },
    );
    expect(created.spec.calibrationDataset).toEqual({ name: 'cli-calibration.jsonl', sampleCount: 8, format: 'JSONL' });

    const runs = await cli('runs', '--state', 'succeeded', '--json');
    expect(runs.code).toBe(0);
    expect((JSON.parse(runs.stdout) as { id: string; state: string }[]).find((listed) => listed.id === runId)).toMatchObject({ state: 'SUCCEEDED' });

    const out = path.join(scratch, 'cli-out.onnx');
    const download = await cli('download', runId as string, '-o', out);
    expect(download.code).toBe(0);
    const { run: details } = await member.query<{ run: RunDetails }>(RUN_DETAILS, { id: runId });
    expect(sha256(await readFile(out))).toBe(details.stages[0].artifact?.blobSha256);
    const ort = await compareInOrt(out, heldOut);
    expect(ort.cosine).toBeGreaterThan(0.9);

    const missing = await cli('download', runId as string, '--stage', '3', '-o', out);
    expect(missing.code).toBe(2);
  });
});
