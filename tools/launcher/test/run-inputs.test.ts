/**
 * What a run is given, end to end through a real worker process (PostgreSQL on 127.0.0.1:5432, a
 * kernel server, the gateway in process): a hardware target the team defined itself through
 * createTarget, executed against the snapshot the run stored.
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
});
