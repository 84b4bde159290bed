/**
 * The gateway scaled out, with real processes: two gateway processes on one database (blobs in
 * PostgreSQL, one signing secret), a worker and a kernel server, and a client that, like one
 * behind a load balancer, lands on either gateway from one request to the next. A token created on
 * one gateway works on the other; a model uploaded through A runs when the run is created through
 * B; a subscription opened on A (which did not create the run) gets the worker's stage events
 * through PostgreSQL NOTIFY; both gateways then serve the same run, artifacts and signed links,
 * and the database holds the run once.
 */
import { createHash } from 'node:crypto';
import { followRunProgress, RUN_DETAILS, type GatewayApi, type RunDetails } from './support/gateway-api';
import { createRun, registerClassifier, registerOcrCalibration, startTestPlatform, type TestPlatform } from './support/test-platform';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The run without its signed links, which carry an expiry in seconds and so differ between two reads. */
function withoutLinks(run: RunDetails): unknown {
  return JSON.parse(JSON.stringify(run, (key, value: unknown) => (key === 'downloadUrl' ? undefined : value)));
}

describe('two gateway processes on one database, as behind a load balancer (real processes, PostgreSQL on 127.0.0.1:5432)', () => {
  let platform: TestPlatform;
  let a: GatewayApi;
  let b: GatewayApi;

  beforeAll(async () => {
    platform = await startTestPlatform({ kernelServers: 1, workers: 1, gatewayProcesses: 2, blobs: 'postgres' });
    [a, b] = platform.apis;
  }, 240_000);
  afterAll(() => platform?.close());

  it('a token created through gateway A authenticates on gateway B', async () => {
    expect(a.url).not.toBe(b.url);
    const { createApiToken } = await a.query<{ createApiToken: { secret: string } }>('mutation { createApiToken(input: { name: "scale-out member", role: MEMBER }) { secret } }');
    const { viewer } = await b.withToken(createApiToken.secret).query<{ viewer: { role: string; team: { slug: string } } }>('{ viewer { role team { slug } } }');
    expect(viewer).toEqual({ role: 'MEMBER', team: { slug: 'demo' } });
    a = a.withToken(createApiToken.secret);
    b = b.withToken(createApiToken.secret);
  });

  it('a run created through B on a model uploaded through A streams its events to a subscription on A, and both gateways serve the same result', async () => {
    const modelId = await registerClassifier(a, 'ppocr-cls');
    const calibrationId = await registerOcrCalibration(a, 'ocr-lines-4', 4);
    const runId = await createRun(b, modelId, { stages: [{ plugin: 'prune-channels' }, { plugin: 'quantize-int8' }], calibrationDatasetId: calibrationId });
    const client = a.subscriptions();
    const events = await followRunProgress(client, runId).finally(() => client.dispose());

    const lifecycle = events.filter((event) => event.kind !== 'PROGRESS').map((event) => `${event.kind}:${event.stageIndex ?? event.state}`);
    expect(lifecycle).toEqual(['STAGE_STARTED:0', 'STAGE_COMPLETED:0', 'STAGE_STARTED:1', 'STAGE_COMPLETED:1', 'RUN_FINISHED:SUCCEEDED']);

    const { run: onA } = await a.query<{ run: RunDetails }>(RUN_DETAILS, { id: runId });
    const { run: onB } = await b.query<{ run: RunDetails }>(RUN_DETAILS, { id: runId });
    expect(onA.error).toBeNull();
    expect(onA).toMatchObject({ id: runId, state: 'SUCCEEDED', attempt: 1, progress: 1 });
    expect(withoutLinks(onB)).toEqual(withoutLinks(onA));

    // The final model, by the bearer route on each gateway: the bytes the stage recorded.
    const final = onA.stages[1].artifact;
    expect(final).not.toBeNull();
    const [fromA, fromB] = await Promise.all([a.download(`/v1/artifacts/${final?.id}`), b.download(`/v1/artifacts/${final?.id}`)]);
    expect(sha256(fromA)).toBe(final?.blobSha256);
    expect(fromB.equals(fromA)).toBe(true);
    // A signed link from A, followed (without a token, as a browser would) on B.
    const report = await fetch(new URL(onA.report?.downloadUrl ?? '', b.url));
    expect(report.status).toBe(200);
    expect(sha256(Buffer.from(await report.arrayBuffer()))).toBe(onA.report?.blobSha256);

    // One run, one job, each stage and artifact once: neither gateway recorded anything twice.
    const runs = await platform.db.pool.query<{ id: string; state: string }>('SELECT id, state FROM runs');
    expect(runs.rows).toEqual([{ id: runId, state: 'succeeded' }]);
    const jobs = await platform.db.pool.query<{ count: string }>("SELECT count(*) FROM pgboss.job WHERE data->>'runId' = $1", [runId]);
    expect(Number(jobs.rows[0].count)).toBe(1);
    const stages = await platform.db.pool.query<{ index: number; state: string }>('SELECT index, state FROM stages WHERE run_id = $1 ORDER BY index', [runId]);
    expect(stages.rows).toEqual([
      { index: 0, state: 'succeeded' },
      { index: 1, state: 'succeeded' },
    ]);
    const artifacts = await platform.db.pool.query<{ stage_index: number | null; kind: string; count: string }>(
      'SELECT stage_index, kind, count(*) FROM artifacts WHERE run_id = $1 GROUP BY stage_index, kind ORDER BY stage_index NULLS LAST, kind',
      [runId],
    );
    expect(artifacts.rows.map((row) => [row.stage_index, row.kind, Number(row.count)])).toEqual([
      [0, 'model', 1],
      [1, 'model', 1],
      [null, 'report', 1],
      [null, 'report-html', 1],
    ]);
  });
});
