/**
 * Trust boundary 1, team isolation: a token of team B (an owner, so that roles never hide a
 * leak) gets NOT_FOUND or FORBIDDEN, or simply does not see team A's rows, on every query,
 * mutation and subscription of the schema and on every blob route, and leaves team A's data
 * unchanged. The list of root fields comes from the schema: a new resolver without a case here
 * fails the suite.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { publishRunEvent } from '@edgepress/db';
import { getTarget } from '@edgepress/targets';
import { buildGatewaySchema } from '../src';
import { codes, graphql, ok, type GraphQLResponse } from './support/graphql-client';
import { classifierModelBytes, classifierVariantBytes, seedTestPlugins, snapshot, uploadBlob } from './support/fixtures';
import { startHarness, type Harness } from './support/harness';
import { subscribe, wsClient } from './support/ws-client';
import { metric, waitUntil } from './support/wait';

let h: Harness;
/** Team A's rows. */
const A = {} as {
  modelId: string;
  modelSha: string;
  modelReceipt: string;
  datasetId: string;
  datasetSha: string;
  datasetReceipt: string;
  pipelineId: string;
  runId: string;
  artifactId: string;
  artifactSha: string;
  tokenId: string;
  pluginId: string;
  pluginName: string;
  targetId: string;
  modelDownloadUrl: string;
};
/** Team B's own model, for mutations that need one. */
let bModelId: string;

function targetDefinition(id: string) {
  const base = JSON.parse(JSON.stringify(getTarget('raspberry-pi-4'))) as Record<string, unknown>;
  return { ...base, id, name: `Board ${id}` };
}

beforeAll(async () => {
  h = await startHarness();
  await seedTestPlugins(h.db, h.blobs);
  const a = h.a.tokens.owner;
  const model = await uploadBlob(h.url, a, classifierModelBytes());
  const registered = await ok(h.url, a, 'mutation($input: RegisterModelInput!) { registerModel(input: $input) { id downloadUrl } }', {
    input: { name: 'alpha-model', blobSha256: model.body.sha256, uploadReceipt: model.body.uploadReceipt },
  });
  Object.assign(A, { modelId: registered.registerModel.id, modelSha: model.body.sha256, modelReceipt: model.body.uploadReceipt, modelDownloadUrl: registered.registerModel.downloadUrl });
  const data = await uploadBlob(h.url, a, randomBytes(512));
  const dataset = await ok(h.url, a, 'mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { id } }', {
    input: { name: 'alpha-calibration', purpose: 'CALIBRATION', format: 'JSONL', blobSha256: data.body.sha256, uploadReceipt: data.body.uploadReceipt, sampleCount: 4 },
  });
  Object.assign(A, { datasetId: dataset.registerDataset.id, datasetSha: data.body.sha256, datasetReceipt: data.body.uploadReceipt });
  await ok(h.url, a, 'mutation($d: JSONObject!) { createTarget(definition: $d) { id } }', { d: targetDefinition('alpha-board') });
  A.targetId = 'alpha-board';
  const spec = { targetId: 'alpha-board', stages: [{ plugin: 'prune-channels', params: { sparsity: 0.2 } }], calibrationDatasetId: A.datasetId };
  A.pipelineId = (await ok(h.url, a, 'mutation($input: SavePipelineInput!) { savePipeline(input: $input) { id } }', { input: { name: 'alpha-pipeline', spec } })).savePipeline.id;
  A.runId = (await ok(h.url, a, 'mutation($input: CreateRunInput!) { createRun(input: $input) { id } }', { input: { modelId: A.modelId, spec } })).createRun.id;
  const artifact = await h.blobs.put(Readable.from([randomBytes(256)]));
  A.artifactSha = artifact.sha256;
  await h.db.runs.start(h.a.team.id, A.runId);
  await h.db.stages.start(h.a.team.id, A.runId, 0);
  await h.db.stages.complete(h.a.team.id, A.runId, 0, { metrics: { sizeBytes: 256 }, artifact: { sha256: artifact.sha256, sizeBytes: artifact.sizeBytes } });
  A.artifactId = (await h.db.artifacts.listForRun(h.a.team.id, A.runId))[0].id;
  A.tokenId = (await h.db.tokens.list(h.a.team.id, { first: 1 })).edges[0].node.id;
  const plugin = await h.db.plugins.create(h.a.team.id, { name: 'alpha-private-plugin' });
  await h.db.plugins.publishVersion(h.a.team.id, plugin.id, {
    version: '1.0.0',
    manifest: { name: 'alpha-private-plugin', version: '1.0.0', kind: 'transform' },
    paramsSchema: { type: 'object', properties: {} },
    bundleSha256: 'a'.repeat(64),
  });
  Object.assign(A, { pluginId: plugin.id, pluginName: plugin.name });
  const bModel = await uploadBlob(h.url, h.b.tokens.owner, classifierVariantBytes(1));
  bModelId = (
    await ok(h.url, h.b.tokens.owner, 'mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', {
      input: { name: 'beta-model', blobSha256: bModel.body.sha256, uploadReceipt: bModel.body.uploadReceipt },
    })
  ).registerModel.id;
});
afterAll(async () => h?.close());

const asB = (query: string, variables: Record<string, unknown> = {}) => graphql(h.url, h.b.tokens.owner, query, variables);

/** The request is refused as not found (or forbidden) and changes nothing at all. */
async function refusedWithoutChange(request: () => Promise<GraphQLResponse<unknown>>, allowed = ['NOT_FOUND', 'FORBIDDEN']): Promise<void> {
  const before = await snapshot(h.db, h.blobRoot);
  const response = await request();
  expect(response.errors?.length).toBeGreaterThan(0);
  for (const code of codes(response)) expect(allowed).toContain(code);
  expect(await snapshot(h.db, h.blobRoot)).toEqual(before);
}

/** A refused subscription: errors only, never data. */
function subscriptionErrorCodes(results: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }[]): unknown[] {
  expect(results.every((result) => !result.data)).toBe(true);
  return results.flatMap((result) => (result.errors ?? []).map((error) => error.extensions?.code));
}

const minimalSpec = (overrides: Record<string, unknown> = {}) => ({ targetId: 'raspberry-pi-4', stages: [{ plugin: 'prune-channels', params: { sparsity: 0.1 } }], ...overrides });

const CASES: Record<string, () => Promise<void>> = {
  'Query.viewer': async () => {
    const data = await ok(h.url, h.b.tokens.owner, '{ viewer { team { id } teams { team { id } } token { id } } }');
    expect(data.viewer.team.id).toBe(h.b.team.id);
    expect(data.viewer.token.id).not.toBe(A.tokenId);
  },
  'Query.apiTokens': async () => {
    const ids = (await ok(h.url, h.b.tokens.owner, '{ apiTokens(first: 100) { nodes { id } } }')).apiTokens.nodes.map((node: { id: string }) => node.id);
    expect(ids).toHaveLength(4);
    expect(ids).not.toContain(A.tokenId);
  },
  'Query.artifact': () => refusedWithoutChange(() => asB('query($id: ID!) { artifact(id: $id) { id } }', { id: A.artifactId })),
  'Query.dataset': () => refusedWithoutChange(() => asB('query($id: ID!) { dataset(id: $id) { id } }', { id: A.datasetId })),
  'Query.datasets': async () => {
    const nodes = (await ok(h.url, h.b.tokens.owner, '{ datasets(first: 100) { nodes { id } } }')).datasets.nodes;
    expect(nodes).toEqual([]);
  },
  'Query.model': () => refusedWithoutChange(() => asB('query($id: ID!) { model(id: $id) { id } }', { id: A.modelId })),
  'Query.models': async () => {
    const ids = (await ok(h.url, h.b.tokens.owner, '{ models(first: 100) { nodes { id } } }')).models.nodes.map((node: { id: string }) => node.id);
    expect(ids).toEqual([bModelId]);
  },
  'Query.pipeline': () => refusedWithoutChange(() => asB('query($id: ID!) { pipeline(id: $id) { id } }', { id: A.pipelineId })),
  'Query.pipelines': async () => {
    expect((await ok(h.url, h.b.tokens.owner, '{ pipelines(first: 100) { nodes { id } } }')).pipelines.nodes).toEqual([]);
  },
  'Query.plugin': () => refusedWithoutChange(() => asB('query($id: ID!) { plugin(id: $id) { id } }', { id: A.pluginId })),
  'Query.pluginByName': () => refusedWithoutChange(() => asB('query($n: String!) { pluginByName(name: $n) { id } }', { n: A.pluginName })),
  'Query.plugins': async () => {
    const names = (await ok(h.url, h.b.tokens.owner, '{ plugins(first: 100) { nodes { name } } }')).plugins.nodes.map((node: { name: string }) => node.name);
    expect(names.sort()).toEqual(['prune-channels', 'quantize-int8']);
  },
  'Query.run': () => refusedWithoutChange(() => asB('query($id: ID!) { run(id: $id) { id } }', { id: A.runId })),
  'Query.runs': async () => {
    expect((await ok(h.url, h.b.tokens.owner, '{ runs(first: 100) { nodes { id } } }')).runs.nodes).toEqual([]);
    const byModel = await ok(h.url, h.b.tokens.owner, 'query($m: ID!) { runs(filter: { modelId: $m }) { nodes { id } } }', { m: A.modelId });
    expect(byModel.runs.nodes).toEqual([]);
  },
  'Query.target': () => refusedWithoutChange(() => asB('{ target(id: "alpha-board") { id } }')),
  'Query.targetDefinitionSchema': async () => {
    // The same document for every team: no team data in it.
    const query = '{ targetDefinitionSchema }';
    const [a, b] = await Promise.all([ok(h.url, h.a.tokens.viewer, query), ok(h.url, h.b.tokens.viewer, query)]);
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).not.toContain('alpha-board');
  },
  'Query.targets': async () => {
    const ids = (await ok(h.url, h.b.tokens.owner, '{ targets(first: 100, filter: { builtin: false }) { nodes { id } } }')).targets.nodes;
    expect(ids).toEqual([]);
  },
  'Mutation.cancelRun': () => refusedWithoutChange(() => asB('mutation($id: ID!) { cancelRun(id: $id) { id } }', { id: A.runId })),
  'Mutation.createApiToken': async () => {
    const before = (await h.db.tokens.list(h.a.team.id, { first: 100 })).edges.length;
    const created = await ok(h.url, h.b.tokens.owner, 'mutation { createApiToken(input: { name: "b2", role: VIEWER }) { token { id } secret } }');
    const identity = await h.db.tokens.verify(created.createApiToken.secret);
    expect(identity.teamId).toBe(h.b.team.id);
    expect((await h.db.tokens.list(h.a.team.id, { first: 100 })).edges.length).toBe(before);
    await h.db.tokens.revoke(h.b.team.id, created.createApiToken.token.id);
  },
  'Mutation.createRun': async () => {
    const create = (input: Record<string, unknown>) => () => asB('mutation($input: CreateRunInput!) { createRun(input: $input) { id } }', { input });
    await refusedWithoutChange(create({ modelId: A.modelId, spec: minimalSpec() }));
    await refusedWithoutChange(create({ modelId: bModelId, spec: minimalSpec({ targetId: A.targetId }) }));
    await refusedWithoutChange(create({ modelId: bModelId, spec: minimalSpec({ calibrationDatasetId: A.datasetId }) }));
    await refusedWithoutChange(create({ modelId: bModelId, pipelineId: A.pipelineId }));
    // Another team's plugin is simply unknown to B.
    await refusedWithoutChange(create({ modelId: bModelId, spec: minimalSpec({ stages: [{ plugin: A.pluginName }] }) }), ['BAD_USER_INPUT']);
  },
  'Mutation.createTarget': async () => {
    // Slugs are per team: B may define its own "alpha-board" without touching A's.
    const beforeA = await h.db.targets.findBySlug(h.a.team.id, A.targetId);
    await ok(h.url, h.b.tokens.owner, 'mutation($d: JSONObject!) { createTarget(definition: $d) { id } }', { d: { ...targetDefinition('alpha-board'), name: 'B board' } });
    expect(await h.db.targets.findBySlug(h.a.team.id, A.targetId)).toEqual(beforeA);
    await ok(h.url, h.b.tokens.owner, 'mutation { deleteTarget(id: "alpha-board") }');
    expect(await h.db.targets.findBySlug(h.a.team.id, A.targetId)).toEqual(beforeA);
  },
  'Mutation.deleteDataset': () => refusedWithoutChange(() => asB('mutation($id: ID!) { deleteDataset(id: $id) }', { id: A.datasetId })),
  'Mutation.deleteModel': () => refusedWithoutChange(() => asB('mutation($id: ID!) { deleteModel(id: $id) }', { id: A.modelId })),
  'Mutation.deletePipeline': () => refusedWithoutChange(() => asB('mutation($id: ID!) { deletePipeline(id: $id) }', { id: A.pipelineId })),
  'Mutation.deleteTarget': () => refusedWithoutChange(() => asB('mutation { deleteTarget(id: "alpha-board") }')),
  'Mutation.registerDataset': async () => {
    const input = (receipt?: string) => ({ name: 'stolen', purpose: 'CALIBRATION', format: 'JSONL', blobSha256: A.datasetSha, uploadReceipt: receipt, sampleCount: 1 });
    await refusedWithoutChange(() => asB('mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { id } }', { input: input() }));
    await refusedWithoutChange(() => asB('mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { id } }', { input: input(A.datasetReceipt) }));
  },
  'Mutation.registerModel': async () => {
    // A's receipt is bound to team A; the hash alone proves nothing.
    const register = (receipt?: string) => () =>
      asB('mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', { input: { name: 'stolen', blobSha256: A.artifactSha, uploadReceipt: receipt } });
    await refusedWithoutChange(register());
    await refusedWithoutChange(register(A.modelReceipt));
  },
  'Mutation.rerun': () => refusedWithoutChange(() => asB('mutation($id: ID!) { rerun(id: $id) { id } }', { id: A.runId })),
  'Mutation.revokeApiToken': () => refusedWithoutChange(() => asB('mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id: A.tokenId })),
  'Mutation.savePipeline': async () => {
    const save = (spec: Record<string, unknown>) => () => asB('mutation($input: SavePipelineInput!) { savePipeline(input: $input) { id } }', { input: { name: 'p', spec } });
    await refusedWithoutChange(save(minimalSpec({ targetId: A.targetId })));
    await refusedWithoutChange(save(minimalSpec({ calibrationDatasetId: A.datasetId })));
  },
  'Mutation.updateModel': () => refusedWithoutChange(() => asB('mutation($id: ID!) { updateModel(id: $id, input: { name: "mine" }) { id } }', { id: A.modelId })),
  'Mutation.updatePipeline': () => refusedWithoutChange(() => asB('mutation($id: ID!) { updatePipeline(id: $id, input: { name: "mine" }) { id } }', { id: A.pipelineId })),
  'Mutation.updateTarget': () =>
    refusedWithoutChange(() => asB('mutation($d: JSONObject!) { updateTarget(id: "alpha-board", definition: $d) { id } }', { d: targetDefinition('alpha-board') })),
  'Subscription.runProgress': async () => {
    const client = wsClient(h.wsUrl, h.b.tokens.owner);
    const probe = subscribe(client, 'subscription($id: ID!) { runProgress(runId: $id) { kind } }', { id: A.runId });
    await probe.finished;
    expect(subscriptionErrorCodes(probe.results)).toEqual(['NOT_FOUND']);
    await client.dispose();
  },
  'Subscription.runEvents': async () => {
    const client = wsClient(h.wsUrl, h.b.tokens.owner);
    const single = subscribe(client, 'subscription($id: ID) { runEvents(runId: $id) { kind } }', { id: A.runId });
    await single.finished;
    expect(subscriptionErrorCodes(single.results)).toEqual(['NOT_FOUND']);
    // Without a run id: B receives its own team's events, never A's.
    const all = subscribe(client, 'subscription { runEvents { runId kind } }');
    await waitUntil(async () => (await metric(h.url, 'edgepress_subscriptions')) === 1);
    await publishRunEvent(h.db.pool, { runId: A.runId, teamId: h.a.team.id, kind: 'stage-started', stageIndex: 0 });
    const bRun = '00000000-0000-4000-8000-000000000001';
    await publishRunEvent(h.db.pool, { runId: bRun, teamId: h.b.team.id, kind: 'stage-started', stageIndex: 0 });
    await all.waitFor(1);
    expect(all.results.map((result) => result.data?.runEvents.runId)).toEqual([bRun]);
    await client.dispose();
  },
};

describe('team isolation', () => {
  it('has a case for every query, mutation and subscription of the schema', async () => {
    const schema = await buildGatewaySchema();
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
    const fields = roots.flatMap((type) => (type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []));
    expect(Object.keys(CASES).sort()).toEqual(fields.sort());
  });

  for (const [field, check] of Object.entries(CASES)) it(`${field}: team B cannot reach team A's rows`, check);
});

describe('team isolation on the blob routes', () => {
  it('GET and HEAD /v1/blobs/:sha256 answer 404 for another team\'s blobs', async () => {
    for (const sha of [A.modelSha, A.datasetSha, A.artifactSha]) {
      for (const method of ['GET', 'HEAD']) {
        const response = await fetch(`${h.url}/v1/blobs/${sha}`, { method, headers: { authorization: `Bearer ${h.b.tokens.owner}` } });
        expect(response.status).toBe(404);
      }
      const own = await fetch(`${h.url}/v1/blobs/${sha}`, { headers: { authorization: `Bearer ${h.a.tokens.viewer}` } });
      expect(own.status).toBe(200);
      await own.arrayBuffer();
    }
  });

  it('a signed link works only for the team and blob it was made for', async () => {
    const link = new URL(A.modelDownloadUrl, h.url);
    const forged = new URL(link);
    forged.searchParams.set('team', h.b.team.id);
    expect((await fetch(forged)).status).toBe(401);
    const otherBlob = new URL(link);
    otherBlob.pathname = `/v1/blobs/${A.artifactSha}`;
    expect((await fetch(otherBlob)).status).toBe(401);
    // B's own bearer token with A's signature parameters is judged by the token: 404.
    expect((await fetch(link, { headers: { authorization: `Bearer ${h.b.tokens.owner}` } })).status).toBe(404);
  });

  it('GET /v1/artifacts/:id answers 404 for another team\'s artifact', async () => {
    const response = await fetch(`${h.url}/v1/artifacts/${A.artifactId}`, { headers: { authorization: `Bearer ${h.b.tokens.owner}` } });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('PUT /v1/blobs of the same bytes gives B a receipt for B only; A\'s receipt stays A\'s', async () => {
    const upload = await uploadBlob(h.url, h.b.tokens.member, classifierModelBytes());
    expect(upload.body.sha256).toBe(A.modelSha);
    expect(upload.body.uploadReceipt).not.toBe(A.modelReceipt);
    const stolen = await asB('mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', {
      input: { name: 'x', blobSha256: A.datasetSha, uploadReceipt: upload.body.uploadReceipt },
    });
    expect(codes(stolen)).toEqual(['NOT_FOUND']);
  });
});
