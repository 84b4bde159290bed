import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { graphql, ok, codes } from './support/graphql-client';
import { classifierModelBytes, quantizeInt8, seedTestPlugins, uploadBlob } from './support/fixtures';
import { startHarness, type Harness } from './support/harness';

let h: Harness;
let modelId: string;

beforeAll(async () => {
  h = await startHarness();
  await seedTestPlugins(h.db, h.blobs);
  const upload = await uploadBlob(h.url, h.a.tokens.member, classifierModelBytes());
  const data = await ok(h.url, h.a.tokens.member, 'mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', {
    input: { name: 'cls', blobSha256: upload.body.sha256, uploadReceipt: upload.body.uploadReceipt },
  });
  modelId = data.registerModel.id;
});
afterAll(async () => h?.close());

const CREATE_RUN = `mutation($input: CreateRunInput!) { createRun(input: $input) {
  id state targetId target { id kind } spec { targetId stages { plugin versionRange version params } constraints { maxSizeBytes } }
  stages { index pluginName pluginVersion params state } } }`;

const SPEC = {
  targetId: 'raspberry-pi-4',
  stages: [
    { plugin: 'prune-channels', params: { sparsity: 0.3 } },
    { plugin: 'quantize-int8', versionRange: '^1.0.0', params: { calibration: 'entropy' } },
  ],
  constraints: { maxSizeBytes: 400_000 },
};

async function jobsFor(runId: string): Promise<number> {
  const { rows } = await h.db.pool.query("SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'runId' = $1", [runId]);
  return rows[0].n;
}

describe('plugins', () => {
  it('lists built-in plugins with their versions and params JSON Schema', async () => {
    const data = await ok(h.url, h.a.tokens.viewer, '{ plugins { nodes { name builtin kind latestVersion { version kind paramsSchema engines } } } }');
    const quantize = data.plugins.nodes.find((plugin: { name: string }) => plugin.name === 'quantize-int8');
    expect(quantize).toMatchObject({ builtin: true, kind: 'QUANTIZE', latestVersion: { version: '1.2.0', kind: 'QUANTIZE', engines: '^1.0.0' } });
    expect(quantize.latestVersion.paramsSchema).toEqual(JSON.parse(JSON.stringify(quantizeInt8.manifest.paramsSchema)));
  });
});

describe('runs', () => {
  it('creates a run: stages pinned to the matching version, params with defaults, queued in the same transaction', async () => {
    const run = (await ok(h.url, h.a.tokens.member, CREATE_RUN, { input: { modelId, spec: SPEC } })).createRun;
    expect(run).toMatchObject({ state: 'QUEUED', targetId: 'raspberry-pi-4', target: { id: 'raspberry-pi-4', kind: 'CPU' } });
    expect(run.stages).toEqual([
      { index: 0, pluginName: 'prune-channels', pluginVersion: '0.3.1', params: { sparsity: 0.3 }, state: 'PENDING' },
      { index: 1, pluginName: 'quantize-int8', pluginVersion: '1.2.0', params: { calibration: 'entropy', perChannel: true, samples: 100 }, state: 'PENDING' },
    ]);
    expect(run.spec.stages[1]).toMatchObject({ versionRange: '^1.0.0', version: '1.2.0' });
    expect(run.spec.constraints.maxSizeBytes).toBe(400_000);
    expect(await jobsFor(run.id)).toBe(1);
  });

  it('runs a saved pipeline, lists runs by state with their stages, cancels and re-runs', async () => {
    const saved = await ok(h.url, h.a.tokens.member, 'mutation($input: SavePipelineInput!) { savePipeline(input: $input) { id spec { target { id } stages { plugin version } } } }', {
      input: { name: 'prune then quantize', spec: SPEC },
    });
    expect(saved.savePipeline.spec.target.id).toBe('raspberry-pi-4');
    expect(saved.savePipeline.spec.stages[0].version).toBeNull();
    const run = (await ok(h.url, h.a.tokens.member, CREATE_RUN, { input: { modelId, pipelineId: saved.savePipeline.id } })).createRun;
    expect(run.stages.map((stage: { pluginVersion: string }) => stage.pluginVersion)).toEqual(['0.3.1', '1.2.0']);

    const listed = await ok(h.url, h.a.tokens.viewer, 'query($f: RunFilter) { runs(first: 20, filter: $f) { nodes { id state pipeline { id } model { id } stages { index state } } } }', {
      f: { states: ['QUEUED'], modelId },
    });
    expect(listed.runs.nodes.map((node: { id: string }) => node.id)).toContain(run.id);
    expect(listed.runs.nodes.find((node: { id: string }) => node.id === run.id)).toMatchObject({ pipeline: { id: saved.savePipeline.id }, model: { id: modelId } });

    const cancelled = await ok(h.url, h.a.tokens.member, 'mutation($id: ID!) { cancelRun(id: $id) { state finishedAt } }', { id: run.id });
    expect(cancelled.cancelRun.state).toBe('CANCELLED');
    const again = await ok(h.url, h.a.tokens.member, 'mutation($id: ID!) { rerun(id: $id) { id state rerunOf { id } stages { pluginVersion params } } }', { id: run.id });
    expect(again.rerun).toMatchObject({ state: 'QUEUED', rerunOf: { id: run.id } });
    expect(await jobsFor(again.rerun.id)).toBe(1);
  });

  it('shows what a worker recorded: stage metrics, the artifact and its download', async () => {
    const run = (await ok(h.url, h.a.tokens.member, CREATE_RUN, { input: { modelId, spec: SPEC } })).createRun;
    const artifactBytes = randomBytes(2048);
    const stored = await h.blobs.put(Readable.from([artifactBytes]));
    await h.db.runs.start(h.a.team.id, run.id);
    await h.db.stages.start(h.a.team.id, run.id, 0);
    const metrics = {
      sizeBytes: 2048,
      gzipBytes: 1900,
      parameters: 1000,
      nonZeros: 700,
      weightBytes: 1500,
      bitsPerWeight: 12,
      latency: { medianMs: 1.5, p90Ms: 2, minMs: 1.2, meanMs: 1.6, runs: 50, warmupRuns: 5, host: { cpu: 'test cpu', logicalCores: 2, onnxruntime: '1.30.0' } },
      estimate: { targetId: 'raspberry-pi-4', latencyMs: 3.2, energyMj: 20.5, complete: true, compatible: true, fits: true, issues: [] },
      fidelity: { cosine: 0.998, top1Agreement: 0.99, sqnrDb: 'Infinity', maxAbsError: 0.01, meanAbsError: 0.001, values: 10, positions: 5, nonFiniteValues: 0, samples: 5, outputs: {} },
      accuracy: { metric: 'top1-accuracy', value: 0.9, samples: 100, figures: { exact: 0.8 }, perClassDeltas: [{ label: 1, samples: 10, baselineAccuracy: 0.9, accuracy: 0.8, delta: -0.1 }] },
      evaluatedSamples: 100,
    };
    await h.db.stages.complete(h.a.team.id, run.id, 0, { metrics, artifact: { sha256: stored.sha256, sizeBytes: stored.sizeBytes } });
    const data = await ok(h.url, h.a.tokens.viewer, `query($id: ID!) { run(id: $id) { state durationMs stages { index state durationMs
      metrics { sizeBytes sparsity bitsPerWeight latency { medianMs hostCpu } estimate { latencyMs fits } fidelity { cosine sqnrDb sqnrInfinite }
        accuracy { value figures { name value } perClassDeltas { label delta } } }
      artifact { kind stageIndex sizeBytes downloadUrl } } artifacts { id } } }`, { id: run.id });
    const stage = data.run.stages[0];
    expect(data.run.state).toBe('RUNNING');
    expect(stage.metrics).toEqual({
      sizeBytes: 2048,
      sparsity: expect.closeTo(0.3, 12),
      bitsPerWeight: 12,
      latency: { medianMs: 1.5, hostCpu: 'test cpu' },
      estimate: { latencyMs: 3.2, fits: true },
      fidelity: { cosine: 0.998, sqnrDb: null, sqnrInfinite: true },
      accuracy: { value: 0.9, figures: [{ name: 'exact', value: 0.8 }], perClassDeltas: [{ label: 1, delta: -0.1 }] },
    });
    expect(stage.artifact).toMatchObject({ kind: 'MODEL', stageIndex: 0, sizeBytes: 2048 });
    expect(data.run.stages[1].metrics).toBeNull();
    const download = await fetch(`${h.url}${stage.artifact.downloadUrl}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(artifactBytes)).toBe(true);
    const byBearer = await fetch(`${h.url}/v1/artifacts/${data.run.artifacts[0].id}`, { headers: { authorization: `Bearer ${h.a.tokens.viewer}` } });
    expect(Buffer.from(await byBearer.arrayBuffer()).equals(artifactBytes)).toBe(true);
  });

  it('serves the HTML report as an attachment that may not run scripts', async () => {
    const run = (await ok(h.url, h.a.tokens.member, CREATE_RUN, { input: { modelId, spec: SPEC } })).createRun;
    const page = Buffer.from('<!doctype html><html><head><meta charset="utf-8"></head><body><h1>report</h1><script>alert(1)</script></body></html>');
    const json = Buffer.from('{"schemaVersion":1}');
    const [storedPage, storedJson] = [await h.blobs.put(Readable.from([page])), await h.blobs.put(Readable.from([json]))];
    await h.db.artifacts.record(h.a.team.id, run.id, { stageIndex: null, kind: 'report', blobSha256: storedJson.sha256, sizeBytes: storedJson.sizeBytes });
    await h.db.artifacts.record(h.a.team.id, run.id, { stageIndex: null, kind: 'report-html', blobSha256: storedPage.sha256, sizeBytes: storedPage.sizeBytes });
    const data = await ok(h.url, h.a.tokens.viewer, 'query($id: ID!) { run(id: $id) { report { id kind } reportHtml { id kind stageIndex sizeBytes downloadUrl } artifacts { kind } } }', { id: run.id });
    expect(data.run.reportHtml).toMatchObject({ kind: 'REPORT_HTML', stageIndex: null, sizeBytes: page.length });
    expect(data.run.report.kind).toBe('REPORT');
    expect(data.run.artifacts.map((artifact: { kind: string }) => artifact.kind)).toEqual(['REPORT', 'REPORT_HTML']);

    const byBearer = await fetch(`${h.url}/v1/artifacts/${data.run.reportHtml.id}`, { headers: { authorization: `Bearer ${h.a.tokens.viewer}` } });
    expect(byBearer.status).toBe(200);
    expect(byBearer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(byBearer.headers.get('content-disposition')).toBe(`attachment; filename="run-${run.id}-report.html"`);
    expect(byBearer.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = byBearer.headers.get('content-security-policy') ?? '';
    expect(csp.split(';').map((directive) => directive.trim())).toEqual(expect.arrayContaining(["default-src 'none'", 'sandbox']));
    expect(csp).not.toMatch(/script-src|unsafe-eval|allow-scripts/);
    expect(Buffer.from(await byBearer.arrayBuffer()).equals(page)).toBe(true);
    const jsonReport = await fetch(`${h.url}/v1/artifacts/${data.run.report.id}`, { headers: { authorization: `Bearer ${h.a.tokens.viewer}` } });
    expect(jsonReport.headers.get('content-type')).toMatch(/^application\/json/);
    expect(jsonReport.headers.get('content-disposition')).toBe(`attachment; filename="run-${run.id}-report.json"`);

    // The signed link a browser follows: bytes as an attachment under the same policy.
    const signed = await fetch(`${h.url}${data.run.reportHtml.downloadUrl}`);
    expect(signed.headers.get('content-disposition')).toBe(`attachment; filename="run-${run.id}-report.html"`);
    expect(signed.headers.get('content-security-policy')).toBe(csp);
    expect(Buffer.from(await signed.arrayBuffer()).equals(page)).toBe(true);
  });

  it('stores the input shapes a run is measured at: those asked for, else the model\'s registered dimensions when no dataset tells them', async () => {
    const SHAPES = 'query($id: ID!) { run(id: $id) { spec { inputShapes { name dims } } } }';
    const shapesOf = async (runId: string) => (await ok(h.url, h.a.tokens.viewer, SHAPES, { id: runId })).run.spec.inputShapes;
    const create = async (model: string, spec: Record<string, unknown>) => (await ok(h.url, h.a.tokens.member, CREATE_RUN, { input: { modelId: model, spec } })).createRun.id;

    // The classifier's input is x [p2o.DynamicDimension.0, 3, p2o.DynamicDimension.1, p2o.DynamicDimension.2].
    const asked = await create(modelId, { ...SPEC, inputShapes: [{ name: 'x', dims: [1, 3, 48, 192] }] });
    expect(await shapesOf(asked)).toEqual([{ name: 'x', dims: [1, 3, 48, 192] }]);
    // Registered without dimension values and asked for nothing: the data (or random data at 1) decides.
    expect(await shapesOf(await create(modelId, SPEC))).toEqual([]);

    const upload = await uploadBlob(h.url, h.a.tokens.member, classifierModelBytes());
    const registered = await ok(h.url, h.a.tokens.member, 'mutation($input: RegisterModelInput!) { registerModel(input: $input) { id dimensions { name value } } }', {
      input: { name: 'cls-48x192', blobSha256: upload.body.sha256, uploadReceipt: upload.body.uploadReceipt, dimensions: [{ name: 'p2o.DynamicDimension.1', value: 48 }, { name: 'p2o.DynamicDimension.2', value: 192 }] },
    });
    const withDims = registered.registerModel.id;
    expect(registered.registerModel.dimensions).toEqual([{ name: 'p2o.DynamicDimension.1', value: 48 }, { name: 'p2o.DynamicDimension.2', value: 192 }]);
    // The batch dimension has no value: 1, as random data takes it.
    expect(await shapesOf(await create(withDims, SPEC))).toEqual([{ name: 'x', dims: [1, 3, 48, 192] }]);
    expect(await shapesOf(await create(withDims, { ...SPEC, inputShapes: [{ name: 'x', dims: [2, 3, 32, 100] }] }))).toEqual([{ name: 'x', dims: [2, 3, 32, 100] }]);
    // With a calibration dataset the data tells the shapes.
    const digits = (await ok(h.url, h.a.tokens.member, 'mutation { registerDataset(input: { name: "shapes-digits", purpose: CALIBRATION, format: MNIST_BUILTIN, sampleCount: 10 }) { id } }')).registerDataset.id;
    expect(await shapesOf(await create(withDims, { ...SPEC, calibrationDatasetId: digits }))).toEqual([]);
    // A saved pipeline keeps its shapes, and a run of it checks them against the model.
    const saved = await ok(h.url, h.a.tokens.member, 'mutation($input: SavePipelineInput!) { savePipeline(input: $input) { id spec { inputShapes { name dims } } } }', {
      input: { name: 'shaped', spec: { ...SPEC, inputShapes: [{ name: 'x', dims: [1, 3, 48, 320] }] } },
    });
    expect(saved.savePipeline.spec.inputShapes).toEqual([{ name: 'x', dims: [1, 3, 48, 320] }]);
    const fromSaved = (await ok(h.url, h.a.tokens.member, CREATE_RUN, { input: { modelId: withDims, pipelineId: saved.savePipeline.id } })).createRun.id;
    expect(await shapesOf(fromSaved)).toEqual([{ name: 'x', dims: [1, 3, 48, 320] }]);
  });

  it('refuses runs of the viewer role and specs with both or neither of pipelineId and spec', async () => {
    expect(codes(await graphql(h.url, h.a.tokens.viewer, CREATE_RUN, { input: { modelId, spec: SPEC } }))).toEqual(['FORBIDDEN']);
    expect(codes(await graphql(h.url, h.a.tokens.member, CREATE_RUN, { input: { modelId } }))).toEqual(['BAD_USER_INPUT']);
  });
});
