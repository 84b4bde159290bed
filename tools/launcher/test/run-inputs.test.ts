/**
 * What a run is given, end to end through a real worker process (PostgreSQL on 127.0.0.1:5432, a
 * kernel server, the gateway in process): a hardware target the team defined itself through
 * createTarget, executed against the snapshot the run stored; a model with symbolic input
 * dimensions run without calibration data, measured at the dimension values it was registered
 * with; the HTML report the worker stores next to report.json, served as an attachment.
 */
import { followRunProgress, RUN_DETAILS, type RunDetails } from './support/gateway-api';
import { createRun, registerClassifier, startTestPlatform, type TestPlatform } from './support/test-platform';

describe('run inputs (real worker process, PostgreSQL on 127.0.0.1:5432)', () => {
  let platform: TestPlatform;
  let modelId: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ kernelServers: 1, workers: 1 });
    modelId = await registerClassifier(platform.api, 'ppocr-cls');
  }, 240_000);
  afterAll(() => platform?.close());

  async function finished(runId: string): Promise<RunDetails> {
    const client = platform.api.subscriptions();
    await followRunProgress(client, runId).finally(() => client.dispose());
    return (await platform.api.query<{ run: RunDetails }>(RUN_DETAILS, { id: runId })).run;
  }

  it('runs on a target the team defined with createTarget, measured against that definition', async () => {
    // A board like the Raspberry Pi 4 with a tenth of its fp32 throughput: the estimate must follow the definition.
    const { target } = await platform.api.query<{ target: { definition: Record<string, unknown> & { peakMacsPerSecond: Record<string, number> } } }>('{ target(id: "raspberry-pi-4") { definition } }');
    const pi = target.definition;
    const definition = { ...pi, id: 'lab-board', name: 'Lab board', peakMacsPerSecond: { ...pi.peakMacsPerSecond, fp32: pi.peakMacsPerSecond.fp32 / 10 } };
    const { createTarget } = await platform.api.query<{ createTarget: { id: string; builtin: boolean } }>('mutation ($d: JSONObject!) { createTarget(definition: $d) { id builtin } }', { d: definition });
    expect(createTarget).toEqual({ id: 'lab-board', builtin: false });

    const run = await finished(await createRun(platform.api, modelId, { targetId: 'lab-board', stages: [{ plugin: 'fold-batchnorm' }] }));
    expect(run.error).toBeNull();
    expect(run.state).toBe('SUCCEEDED');
    expect(run.stages[0].metrics?.estimate?.targetId).toBe('lab-board');
    const report = JSON.parse((await platform.api.download(run.report?.downloadUrl ?? '')).toString('utf8')) as { target: { id: string; name: string } };
    expect(report.target).toMatchObject({ id: 'lab-board', name: 'Lab board' });

    // The same model on the catalog board: same MACs, ten times the fp32 throughput, a shorter estimate.
    const catalog = await finished(await createRun(platform.api, modelId, { targetId: 'raspberry-pi-4', stages: [{ plugin: 'fold-batchnorm' }] }));
    expect(catalog.state).toBe('SUCCEEDED');
    expect(catalog.stages[0].metrics?.estimate?.latencyMs).toBeLessThan(run.stages[0].metrics?.estimate?.latencyMs ?? 0);
  });

  it('measures a model with symbolic inputs at its registered dimensions when the run has no calibration data', async () => {
    // The classifier's input is x [p2o.DynamicDimension.0, 3, p2o.DynamicDimension.1, p2o.DynamicDimension.2]; PP-OCR feeds it 48x192 crops.
    const shaped = await registerClassifier(platform.api, 'ppocr-cls-48x192', { 'p2o.DynamicDimension.0': 1, 'p2o.DynamicDimension.1': 48, 'p2o.DynamicDimension.2': 192 });
    const runId = await createRun(platform.api, shaped, { stages: [{ plugin: 'fold-batchnorm' }] });
    const { run: created } = await platform.api.query<{ run: { spec: { inputShapes: { name: string; dims: number[] }[] } } }>('query ($id: ID!) { run(id: $id) { spec { inputShapes { name dims } } } }', { id: runId });
    expect(created.spec.inputShapes).toEqual([{ name: 'x', dims: [1, 3, 48, 192] }]);

    const run = await finished(runId);
    expect(run.error).toBeNull();
    expect(run.state).toBe('SUCCEEDED');
    const report = JSON.parse((await platform.api.download(run.report?.downloadUrl ?? '')).toString('utf8')) as { data: { calibration: string; inputShapes: Record<string, number[]> } };
    expect(report.data.calibration).toMatch(/random/);
    expect(report.data.inputShapes).toEqual({ x: [1, 3, 48, 192] });
    // The baseline's roofline estimate is the gateway's for the model summarized at the same dimension values (at 1x1 the model counts about 290 times fewer MACs).
    const { model } = await platform.api.query<{ model: { estimate: { latencyMs: number } } }>('query ($id: ID!) { model(id: $id) { estimate(targetId: "raspberry-pi-4") { latencyMs } } }', { id: shaped });
    const baseline = (run.stages[0].metrics?.raw as { baseline: { estimate: { latencyMs: number } } }).baseline;
    expect(baseline.estimate.latencyMs).toBeCloseTo(model.estimate.latencyMs, 9);

    // The HTML report: the same figures as a page, downloaded as an attachment that may not run scripts.
    const { run: withHtml } = await platform.api.query<{ run: { reportHtml: { id: string; sizeBytes: number } | null } }>('query ($id: ID!) { run(id: $id) { reportHtml { id sizeBytes } } }', { id: runId });
    const response = await fetch(`${platform.api.url}/v1/artifacts/${withHtml.reportHtml?.id}`, { headers: { authorization: `Bearer ${platform.api.token}` } });
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="run-[0-9a-f-]+-report\.html"$/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    const html = await response.text();
    expect(Buffer.byteLength(html)).toBe(withHtml.reportHtml?.sizeBytes);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Edgepress report: ppocr-cls-48x192');
    expect(html).toContain('inputs x [1, 3, 48, 192]');
    expect(html).toContain('fold-batchnorm');
    expect(html).not.toMatch(/<script/i);
  });
});
