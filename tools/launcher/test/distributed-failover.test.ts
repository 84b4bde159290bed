/**
 * Trust boundary 5 and the distributed mode, with real processes: two workers on one queue and
 * two kernel servers, blobs in PostgreSQL (what workers on other machines use). A worker SIGKILLed
 * in the middle of a run: another delivery resumes after the stored stage and each stage is
 * recorded once. A kernel server killed during a stage: the calls go to the other one and the run
 * completes. Every kernel server gone: the run fails with UNAVAILABLE naming the addresses.
 */
import type { AppProcess } from './support/app-process';
import { followRunProgress, RUN_DETAILS, type RunDetails, type RunEventView } from './support/gateway-api';
import { createRun, registerClassifier, registerOcrCalibration, startTestPlatform, type TestPlatform } from './support/test-platform';

describe('two workers and two kernel servers on one queue (real processes, PostgreSQL on 127.0.0.1:5432)', () => {
  let platform: TestPlatform;
  let modelId: string;
  let calibrationId: string;

  beforeAll(async () => {
    platform = await startTestPlatform({
      kernelServers: 2,
      workers: 2,
      blobs: 'postgres',
      workerEnv: { WORKER_STAGE_ATTEMPTS: '2', WORKER_STAGE_RETRY_DELAY_MS: '500' },
    });
    modelId = await registerClassifier(platform.api, 'ppocr-cls');
    calibrationId = await registerOcrCalibration(platform.api, 'ocr-lines-4', 4);
  }, 240_000);
  afterAll(() => platform?.close());

  /** Follows a run to its end, calling `onEvent` on the way; returns the events and the run as stored. */
  async function follow(runId: string, onEvent: (event: RunEventView) => void = () => undefined): Promise<{ events: RunEventView[]; run: RunDetails }> {
    const client = platform.api.subscriptions();
    const events = await followRunProgress(client, runId, onEvent).finally(() => client.dispose());
    const { run } = await platform.api.query<{ run: RunDetails }>(RUN_DETAILS, { id: runId });
    return { events, run };
  }

  function workerRunning(runId: string): AppProcess {
    const found = platform.workers.find((worker) => worker.logs.some((line) => line.runId === runId && line.msg === 'run started'));
    if (!found) throw new Error(`no worker started run ${runId}`);
    return found;
  }

  it('a worker SIGKILLed in the middle of a run: the other resumes after the stored stage, and each stage is recorded once', async () => {
    const runId = await createRun(platform.api, modelId, { stages: [{ plugin: 'fold-batchnorm' }, { plugin: 'quantize-int8' }], calibrationDatasetId: calibrationId });
    let killed: Promise<{ victim: AppProcess; firstStage: RunDetails['stages'][number] }> | undefined;
    const { events, run } = await follow(runId, (event) => {
      if (event.kind === 'STAGE_COMPLETED' && event.stageIndex === 0 && killed === undefined) {
        killed = (async () => {
          const victim = workerRunning(runId);
          victim.child.kill('SIGKILL');
          await victim.exited;
          const { run: stored } = await platform.api.query<{ run: RunDetails }>(RUN_DETAILS, { id: runId });
          return { victim, firstStage: stored.stages[0] };
        })();
      }
    });
    const { victim, firstStage } = await (killed as NonNullable<typeof killed>);
    expect(victim.alive()).toBe(false);
    const survivor = platform.workers.find((worker) => worker !== victim) as AppProcess;
    expect(survivor.alive()).toBe(true);

    expect(run.error).toBeNull();
    expect(run.state).toBe('SUCCEEDED');
    expect(run.attempt).toBe(2);
    expect(events[events.length - 1]).toMatchObject({ kind: 'RUN_FINISHED', state: 'SUCCEEDED' });
    // The first stage ran once: the second delivery resumed after it and kept its stored result.
    expect(run.stages[0]).toMatchObject({ state: 'SUCCEEDED', attempt: 1 });
    expect(run.stages[0].artifact?.blobSha256).toBe(firstStage.artifact?.blobSha256);
    expect(run.stages[1].state).toBe('SUCCEEDED');
    await survivor.waitForLog((line) => line.runId === runId && line.msg === 'resuming after the stored stages' && line.resumeAfter === 1, 1000);
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
    // The blobs live in PostgreSQL, where any worker on any machine reads them.
    expect(await platform.blobs.has(run.stages[1].artifact?.blobSha256 as string)).toBe(true);
  });

  it('a kernel server killed during a stage: its calls go to the other server and the run completes', async () => {
    const [doomed, remaining] = platform.kernelServers;
    const runId = await createRun(platform.api, modelId, { stages: [{ plugin: 'quantize-int8' }], calibrationDatasetId: calibrationId });
    let killedAt = 0;
    const { run } = await follow(runId, (event) => {
      if (event.kind === 'STAGE_STARTED' && killedAt === 0) {
        killedAt = Date.now();
        doomed.child.kill('SIGKILL');
      }
    });
    expect(run.error).toBeNull();
    expect(run.state).toBe('SUCCEEDED');
    expect(doomed.alive()).toBe(false);
    const servedAfter = remaining.logs.filter((line) => line.msg === 'kernel call done' && typeof line.time === 'number' && line.time > killedAt);
    expect(servedAfter.length).toBeGreaterThan(0);
  });

  it('with every kernel server gone, the stage is retried and the run fails with UNAVAILABLE naming the addresses', async () => {
    const addresses = platform.kernelServers.map((server) => server.ready);
    const runId = await createRun(platform.api, modelId, { stages: [{ plugin: 'quantize-int8' }], calibrationDatasetId: calibrationId });
    const { run } = await follow(runId, (event) => {
      if (event.kind === 'STAGE_STARTED') for (const server of platform.kernelServers) server.child.kill('SIGKILL');
    });
    expect(run.state).toBe('FAILED');
    expect(run.error?.code).toBe('UNAVAILABLE');
    for (const address of addresses) expect(run.error?.message).toContain(address);
    expect(run.error?.message).toMatch(/No kernel server answered .* \(2 attempts of the stage\)/);
    expect(run.stages[0]).toMatchObject({ state: 'FAILED', attempt: 2, error: { code: 'UNAVAILABLE' } });
  });
});
