import { publishRunEvent } from '@edgepress/db';
import { ok } from './support/graphql-client';
import { classifierModelBytes, seedTestPlugins, uploadBlob } from './support/fixtures';
import { startHarness, type Harness } from './support/harness';
import { subscribe, wsClient } from './support/ws-client';
import { metric as readMetric, waitUntil } from './support/wait';

let h: Harness;
let modelId: string;
const metric = (name: string) => readMetric(h.url, name);

beforeAll(async () => {
  h = await startHarness();
  await seedTestPlugins(h.db, h.blobs);
  const upload = await uploadBlob(h.url, h.a.tokens.member, classifierModelBytes());
  modelId = (
    await ok(h.url, h.a.tokens.member, 'mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', {
      input: { name: 'cls', blobSha256: upload.body.sha256, uploadReceipt: upload.body.uploadReceipt },
    })
  ).registerModel.id;
});
afterAll(async () => h?.close());

async function newRun(): Promise<string> {
  const data = await ok(h.url, h.a.tokens.member, 'mutation($input: CreateRunInput!) { createRun(input: $input) { id } }', {
    input: { modelId, spec: { targetId: 'raspberry-pi-4', stages: [{ plugin: 'prune-channels', params: { sparsity: 0.5 } }] } },
  });
  return data.createRun.id;
}

const PROGRESS = `subscription($id: ID!) { runProgress(runId: $id) { runId kind fraction stageIndex state message run { id state } stage { index state } } }`;

describe('subscriptions', () => {
  it('delivers a run\'s events published through NOTIFY, in order, and completes after RUN_FINISHED', async () => {
    const runId = await newRun();
    const client = wsClient(h.wsUrl, h.a.tokens.viewer);
    const probe = subscribe(client, PROGRESS, { id: runId });
    // The subscription is live once the server has registered it with the hub.
    await waitUntil(async () => (await metric('edgepress_subscriptions')) >= 1);
    const teamId = h.a.team.id;
    await h.db.runs.start(teamId, runId);
    await h.db.stages.start(teamId, runId, 0);
    await publishRunEvent(h.db.pool, { runId, teamId, kind: 'stage-started', stageIndex: 0 });
    await publishRunEvent(h.db.pool, { runId, teamId, kind: 'progress', fraction: 0.5, message: 'pruning' });
    await h.db.stages.complete(teamId, runId, 0, { metrics: { sizeBytes: 1 } });
    await publishRunEvent(h.db.pool, { runId, teamId, kind: 'stage-completed', stageIndex: 0 });
    await h.db.runs.succeed(teamId, runId);
    await publishRunEvent(h.db.pool, { runId, teamId, kind: 'run-finished', state: 'succeeded' });
    await probe.waitFor(4);
    expect(await probe.finished).toBe('complete');
    const events = probe.results.map((result) => result.data?.runProgress);
    expect(events.map((event) => event.kind)).toEqual(['STAGE_STARTED', 'PROGRESS', 'STAGE_COMPLETED', 'RUN_FINISHED']);
    expect(events[1]).toMatchObject({ fraction: 0.5, message: 'pruning', runId });
    expect(events[2]).toMatchObject({ stageIndex: 0, stage: { index: 0, state: 'SUCCEEDED' } });
    expect(events[3]).toMatchObject({ state: 'SUCCEEDED', run: { id: runId, state: 'SUCCEEDED' } });
    await client.dispose();
    // The stage-completed event fed the stage duration histogram.
    await waitUntil(async () => /edgepress_stage_duration_seconds_count\{plugin="prune-channels",state="succeeded"\} 1/.test(await (await fetch(`${h.url}/metrics`)).text()));
  });

  it('answers a finished run at once with its RUN_FINISHED event', async () => {
    const runId = await newRun();
    await ok(h.url, h.a.tokens.member, 'mutation($id: ID!) { cancelRun(id: $id) { state } }', { id: runId });
    const client = wsClient(h.wsUrl, h.a.tokens.viewer);
    const probe = subscribe(client, PROGRESS, { id: runId });
    expect(await probe.finished).toBe('complete');
    expect(probe.results.map((result) => result.data?.runProgress.kind)).toEqual(['RUN_FINISHED']);
    expect(probe.results[0].data?.runProgress.state).toBe('CANCELLED');
    await client.dispose();
  });

  it('runEvents carries lifecycle events of the team\'s runs, not progress ticks', async () => {
    const runId = await newRun();
    const client = wsClient(h.wsUrl, h.a.tokens.viewer);
    const probe = subscribe(client, 'subscription { runEvents { runId kind stageIndex } }');
    await waitUntil(async () => (await metric('edgepress_subscriptions')) >= 1);
    await publishRunEvent(h.db.pool, { runId, teamId: h.a.team.id, kind: 'progress', fraction: 0.1 });
    await publishRunEvent(h.db.pool, { runId, teamId: h.a.team.id, kind: 'stage-started', stageIndex: 0 });
    await probe.waitFor(1);
    expect(probe.results.map((result) => result.data?.runEvents)).toEqual([{ runId, kind: 'STAGE_STARTED', stageIndex: 0 }]);
    probe.stop();
    await client.dispose();
    await waitUntil(async () => (await metric('edgepress_subscriptions')) === 0);
  });

  it('applies the depth, alias and cost limits over WebSocket too', async () => {
    const client = wsClient(h.wsUrl, h.a.tokens.viewer);
    let selection = 'id';
    for (let level = 0; level < 8; level += 1) selection = `model { runs { nodes { ${selection} } } }`;
    const deep = subscribe(client, `subscription { runEvents { run { ${selection} } } }`);
    await deep.finished;
    expect(deep.results.flatMap((result) => result.errors ?? []).map((error) => error.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 'depth' })]);
    const costly = subscribe(client, 'subscription { runEvents { run { model { runs(first: 100) { nodes { model { runs(first: 100) { nodes { stages { index } } } } } } } } } }');
    await costly.finished;
    expect(costly.results.flatMap((result) => result.errors ?? []).map((error) => error.extensions?.limit)).toEqual(['cost']);
    await client.dispose();
  });

  it('refuses a connection without a valid token', async () => {
    const client = wsClient(h.wsUrl, 'ep_aaaaaaaaaaaa_' + 'x'.repeat(43));
    const probe = subscribe(client, 'subscription { runEvents { runId } }');
    expect(await probe.finished).toBe('error');
    expect(String((probe.errors[0] as { code?: number }).code)).toBe('4403');
    await client.dispose();
  });
});
