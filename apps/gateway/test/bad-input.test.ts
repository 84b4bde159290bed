/**
 * Trust boundary 1, bad input: every malformed request gets the right public code (and HTTP
 * status) and leaves the database, the queue and the blob folder exactly as they were.
 */
import http from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { getTarget } from '@edgepress/targets';
import { codes, graphql, ok, type GraphQLResponse } from './support/graphql-client';
import { classifierModelBytes, seedTestPlugins, snapshot, uploadBlob } from './support/fixtures';
import { startHarness, type Harness } from './support/harness';

const MAX_UPLOAD = 700_000;
const MAX_BODY = 64 * 1024;

let h: Harness;
let modelId: string;
let calibrationId: string;

beforeAll(async () => {
  h = await startHarness({ limits: { maxUploadBytes: MAX_UPLOAD, maxBodyBytes: MAX_BODY } });
  await seedTestPlugins(h.db, h.blobs);
  const upload = await uploadBlob(h.url, h.a.tokens.member, classifierModelBytes());
  modelId = (
    await ok(h.url, h.a.tokens.member, 'mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', {
      input: { name: 'cls', blobSha256: upload.body.sha256, uploadReceipt: upload.body.uploadReceipt },
    })
  ).registerModel.id;
  calibrationId = (
    await ok(h.url, h.a.tokens.member, 'mutation { registerDataset(input: { name: "digits", purpose: CALIBRATION, format: MNIST_BUILTIN, sampleCount: 100 }) { id } }')
  ).registerDataset.id;
});
afterAll(async () => h?.close());

/** Runs the request and checks its codes, its HTTP status and that nothing changed. */
async function expectRefused(request: () => Promise<GraphQLResponse<unknown>>, code: string, status?: number): Promise<GraphQLResponse<unknown>> {
  const before = await snapshot(h.db, h.blobRoot);
  const response = await request();
  expect(codes(response)).toEqual([code]);
  if (status !== undefined) expect(response.status).toBe(status);
  expect(JSON.stringify(response.errors)).not.toMatch(/at .*\.ts:\d+|postgres:\/\/|SELECT |stack/i);
  expect(await snapshot(h.db, h.blobRoot)).toEqual(before);
  return response;
}

const asMember = (query: string, variables: Record<string, unknown> = {}) => () => graphql(h.url, h.a.tokens.member, query, variables);
const createRun = (spec: Record<string, unknown>) => asMember('mutation($input: CreateRunInput!) { createRun(input: $input) { id } }', { input: { modelId, spec } });
const stage = (plugin: string, params: Record<string, unknown> = {}, versionRange?: string) => ({ plugin, params, ...(versionRange ? { versionRange } : {}) });
const spec = (stages: unknown[], extra: Record<string, unknown> = {}) => ({ targetId: 'raspberry-pi-4', stages, ...extra });

describe('invalid GraphQL documents and variables', () => {
  it('refuses a syntax error, an unknown field and a mistyped variable with BAD_USER_INPUT (400)', async () => {
    const parse = await expectRefused(asMember('{ models { '), 'BAD_USER_INPUT', 400);
    expect(parse.errors?.[0].extensions?.reason).toBe('GRAPHQL_PARSE_FAILED');
    await expectRefused(asMember('{ nope }'), 'BAD_USER_INPUT', 400);
    await expectRefused(asMember('query($n: Int) { runs(first: $n) { nodes { id } } }', { n: 'many' }), 'BAD_USER_INPUT', 400);
    await expectRefused(asMember('query($m: SafeInt) { targets(filter: { minMemoryBytes: $m }) { nodes { id } } }', { m: 1e300 }), 'BAD_USER_INPUT', 400);
  });

  it('refuses out-of-range pages, bad cursors and malformed ids', async () => {
    const page = await expectRefused(asMember('{ runs(first: 1000) { nodes { id } } }'), 'BAD_USER_INPUT');
    expect(page.errors?.[0].message).toMatch(/between 1 and 100 for first but received 1000/);
    await expectRefused(asMember('{ models(after: "garbage") { nodes { id } } }'), 'BAD_USER_INPUT');
    await expectRefused(asMember('{ model(id: "not-a-uuid") { id } }'), 'NOT_FOUND');
  });

  it('refuses invalid target definitions, naming the field, and catalog ids', async () => {
    const definition = { ...JSON.parse(JSON.stringify(getTarget('raspberry-pi-4'))), id: 'my-board', memory: { ramBytes: -4, bandwidthBytesPerSecond: 1e9 } };
    const response = await expectRefused(() => graphql(h.url, h.a.tokens.admin, 'mutation($d: JSONObject!) { createTarget(definition: $d) { id } }', { d: definition }), 'BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/memory\.ramBytes/);
    const catalog = { ...definition, id: 'raspberry-pi-4', memory: getTarget('raspberry-pi-4').memory };
    await expectRefused(() => graphql(h.url, h.a.tokens.admin, 'mutation($d: JSONObject!) { createTarget(definition: $d) { id } }', { d: catalog }), 'CONFLICT');
    await expectRefused(() => graphql(h.url, h.a.tokens.admin, 'mutation($d: JSONObject!) { updateTarget(id: "raspberry-pi-4", definition: $d) { id } }', { d: catalog }), 'FORBIDDEN');
  });

  it('refuses tokens above the creator\'s role and inconsistent datasets', async () => {
    await expectRefused(() => graphql(h.url, h.a.tokens.admin, 'mutation { createApiToken(input: { name: "x", role: OWNER }) { secret } }'), 'FORBIDDEN');
    await expectRefused(() => graphql(h.url, h.a.tokens.member, 'mutation { createApiToken(input: { name: "x", role: VIEWER }) { secret } }'), 'FORBIDDEN');
    await expectRefused(
      asMember(`mutation { registerDataset(input: { name: "m", purpose: EVALUATION, format: MNIST_BUILTIN, blobSha256: "${'a'.repeat(64)}", sampleCount: 1 }) { id } }`),
      'BAD_USER_INPUT',
    );
    await expectRefused(asMember('mutation { registerDataset(input: { name: "m", purpose: EVALUATION, format: JSONL, sampleCount: 1 }) { id } }'), 'BAD_USER_INPUT');
  });
});

describe('model uploads', () => {
  it('a malformed model is INVALID_MODEL and registers nothing', async () => {
    const garbage = new Uint8Array(4096).map((_, index) => (index * 7919) % 251);
    const upload = await uploadBlob(h.url, h.a.tokens.member, garbage);
    const response = await expectRefused(
      asMember('mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', { input: { name: 'bad', blobSha256: upload.body.sha256, uploadReceipt: upload.body.uploadReceipt } }),
      'INVALID_MODEL',
    );
    expect(response.errors?.[0].message).not.toBe('Internal error');
    const truncated = classifierModelBytes().slice(0, 100_000);
    const second = await uploadBlob(h.url, h.a.tokens.member, truncated);
    await expectRefused(
      asMember('mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', { input: { name: 'cut', blobSha256: second.body.sha256, uploadReceipt: second.body.uploadReceipt } }),
      'INVALID_MODEL',
    );
  });

  it('an upload over the cap is 413 RESOURCE_EXHAUSTED and stores nothing, with or without Content-Length', async () => {
    const before = await snapshot(h.db, h.blobRoot);
    const big = Buffer.alloc(MAX_UPLOAD + 1, 7);
    const declared = await rawUpload(big, true);
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('RESOURCE_EXHAUSTED');
    const streamed = await rawUpload(big, false);
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.code).toBe('RESOURCE_EXHAUSTED');
    expect(await snapshot(h.db, h.blobRoot)).toEqual(before);
  });

  it('a claimed hash that does not match the bytes is refused and stores nothing', async () => {
    const before = await snapshot(h.db, h.blobRoot);
    const response = await fetch(`${h.url}/v1/blobs`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${h.a.tokens.member}`, 'content-type': 'application/octet-stream', 'x-content-sha256': 'b'.repeat(64) },
      body: Buffer.from('some bytes'),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    expect(await snapshot(h.db, h.blobRoot)).toEqual(before);
  });
});

describe('pipelines and runs', () => {
  it('refuses an unknown plugin, naming the stage', async () => {
    const response = await expectRefused(createRun(spec([stage('prune-channels', { sparsity: 0.1 }), stage('quantize-int3')])), 'BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/Unknown plugin "quantize-int3" in stage 2/);
    expect(response.errors?.[0].extensions?.details).toEqual({ field: 'input.spec.stages[1].plugin' });
  });

  it('refuses params that break the plugin\'s JSON Schema', async () => {
    const range = await expectRefused(createRun(spec([stage('prune-channels', { sparsity: 2 })])), 'BAD_USER_INPUT');
    expect(range.errors?.[0].message).toMatch(/prune-channels@0\.3\.1.*sparsity must be <= 0\.95/);
    const missing = await expectRefused(createRun(spec([stage('prune-channels', {})])), 'BAD_USER_INPUT');
    expect(missing.errors?.[0].message).toMatch(/must have required property 'sparsity'/);
    const unknown = await expectRefused(createRun(spec([stage('quantize-int8', { bits: 4 })])), 'BAD_USER_INPUT');
    expect(unknown.errors?.[0].message).toMatch(/bits is not a parameter of this plugin \(known: calibration, perChannel, samples\)/);
    const type = await expectRefused(createRun(spec([stage('quantize-int8', { calibration: 'median' })])), 'BAD_USER_INPUT');
    expect(type.errors?.[0].message).toMatch(/calibration must be equal to one of the allowed values \("minmax", "entropy", "percentile"\)/);
    await expectRefused(asMember('mutation($input: SavePipelineInput!) { savePipeline(input: $input) { id } }', { input: { name: 'p', spec: spec([stage('quantize-int8', { samples: 0 })]) } }), 'BAD_USER_INPUT');
  });

  it('refuses version ranges nothing matches, invalid ranges, too many stages, bad constraints, wrong datasets and unknown targets', async () => {
    const none = await expectRefused(createRun(spec([stage('quantize-int8', {}, '^2.0.0')])), 'BAD_USER_INPUT');
    expect(none.errors?.[0].message).toMatch(/No published version of quantize-int8 matches "\^2\.0\.0" \(available: 1\.2\.0\)/);
    await expectRefused(createRun(spec([stage('quantize-int8', {}, 'latest please')])), 'BAD_USER_INPUT');
    await expectRefused(createRun(spec(Array.from({ length: 65 }, () => stage('quantize-int8')))), 'BAD_USER_INPUT');
    await expectRefused(createRun(spec([])), 'BAD_USER_INPUT');
    await expectRefused(createRun(spec([stage('quantize-int8')], { constraints: { maxAccuracyDrop: -0.1 } })), 'BAD_USER_INPUT');
    const purpose = await expectRefused(createRun(spec([stage('quantize-int8')], { evaluationDatasetId: calibrationId })), 'BAD_USER_INPUT');
    expect(purpose.errors?.[0].message).toMatch(/Expected a evaluation dataset|evaluation dataset/);
    await expectRefused(createRun(spec([stage('quantize-int8')], { targetId: 'no-such-board' })), 'NOT_FOUND');
    await expectRefused(asMember('mutation($input: CreateRunInput!) { createRun(input: $input) { id } }', { input: { modelId: '00000000-0000-4000-8000-000000000000', spec: spec([stage('quantize-int8')]) } }), 'NOT_FOUND');
  });
});

describe('input shapes', () => {
  it.each([
    ['an input the model does not have', [{ name: 'image', dims: [1, 3, 48, 192] }], /The model has no input "image" \(its inputs: x\)/, 'input.spec.inputShapes[0].name'],
    ['another rank', [{ name: 'x', dims: [3, 48, 192] }], /Input x is declared \[p2o.DynamicDimension.0, 3, .*\]; \[3, 48, 192\] does not fit it/, 'input.spec.inputShapes[0].dims'],
    ['another fixed size', [{ name: 'x', dims: [1, 1, 48, 192] }], /does not fit it/, 'input.spec.inputShapes[0].dims'],
    ['a size of 0', [{ name: 'x', dims: [1, 3, 0, 192] }], /positive integer sizes/, 'input.spec.inputShapes[0].dims'],
    ['too many elements', [{ name: 'x', dims: [64, 3, 1024, 1024] }], /holds 201326592 elements; at most 16777216/, 'input.spec.inputShapes[0].dims'],
    ['too high a rank', [{ name: 'x', dims: [1, 1, 1, 1, 1, 1, 1, 1, 1] }], /Expected 1 to 8 dimensions/, 'input.spec.inputShapes[0].dims'],
    ['one input twice', [{ name: 'x', dims: [1, 3, 48, 192] }, { name: 'x', dims: [1, 3, 48, 192] }], /has two shapes/, 'input.spec.inputShapes[1].name'],
  ])('refuses %s, naming the field', async (_case, inputShapes, message, field) => {
    const response = await expectRefused(createRun(spec([stage('quantize-int8')], { inputShapes })), 'BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(message);
    expect(response.errors?.[0].extensions?.details).toEqual({ field });
  });

  it('refuses dimension values that are not sizes, or given twice, and registers nothing', async () => {
    const upload = await uploadBlob(h.url, h.a.tokens.member, classifierModelBytes());
    const register = (dimensions: unknown[]) =>
      asMember('mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', { input: { name: 'dims', blobSha256: upload.body.sha256, uploadReceipt: upload.body.uploadReceipt, dimensions } });
    await expectRefused(register([{ name: 'batch', value: 0 }]), 'BAD_USER_INPUT');
    await expectRefused(register([{ name: 'batch', value: -4 }]), 'BAD_USER_INPUT');
    const twice = await expectRefused(register([{ name: 'batch', value: 1 }, { name: 'batch', value: 2 }]), 'BAD_USER_INPUT');
    expect(twice.errors?.[0].message).toMatch(/Dimension "batch" is given twice in input.dimensions/);
  });
});

describe('query limits', () => {
  it('refuses a depth bomb', async () => {
    let selection = 'id';
    for (let level = 0; level < 10; level += 1) selection = `model { runs { nodes { ${selection} } } }`;
    const response = await expectRefused(asMember(`{ runs { nodes { ${selection} } } }`), 'BAD_USER_INPUT', 400);
    expect(response.errors?.[0].extensions).toMatchObject({ limit: 'depth', maximum: 15 });
  });

  it('refuses an alias bomb, also through fragments', async () => {
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: viewer { role }`).join(' ');
    const response = await expectRefused(asMember(`{ ${aliases} }`), 'BAD_USER_INPUT', 400);
    expect(response.errors?.[0].extensions).toMatchObject({ limit: 'aliases', maximum: 30, actual: 31 });
    const fragment = `fragment T on Team { ${Array.from({ length: 8 }, (_, index) => `t${index}: name`).join(' ')} }`;
    const spread = await expectRefused(asMember(`{ viewer { team { ...T } } a: viewer { team { ...T } } b: viewer { team { ...T } } c: viewer { team { ...T } } } ${fragment}`), 'BAD_USER_INPUT', 400);
    expect(spread.errors?.[0].extensions).toMatchObject({ limit: 'aliases', actual: 35 });
  });

  it('refuses a cost bomb that is neither deep nor aliased, with the variables it uses', async () => {
    const query = 'query($n: Int) { runs(first: $n) { nodes { model { runs(first: $n) { nodes { stages { metrics { sizeBytes } } } } } } } }';
    const response = await expectRefused(asMember(query, { n: 100 }), 'BAD_USER_INPUT', 400);
    expect(response.errors?.[0].extensions).toMatchObject({ limit: 'cost', maximum: 20_000 });
    expect(codes(await graphql(h.url, h.a.tokens.member, query, { n: 5 }))).toEqual([]);
  });

  it('lets the standard introspection query and a typical console query through', async () => {
    expect(codes(await graphql(h.url, h.a.tokens.viewer, getIntrospectionQuery()))).toEqual([]);
    const typical = `{ runs(first: 20) { nodes { id state progress targetId model { name } stages { index pluginName state durationMs
      metrics { sizeBytes gzipBytes bitsPerWeight fidelity { cosine } accuracy { value } estimate { latencyMs } } artifact { downloadUrl } } } pageInfo { endCursor hasNextPage } } }`;
    expect(codes(await graphql(h.url, h.a.tokens.viewer, typical))).toEqual([]);
  });
});

describe('transport', () => {
  it('blocks CSRF-style requests: simple content types and GET without a preflight header', async () => {
    const mutation = JSON.stringify({ query: 'mutation { createApiToken(input: { name: "csrf", role: VIEWER }) { secret } }' });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      await expectRefused(async () => postRaw(mutation, { 'content-type': contentType, authorization: `Bearer ${h.a.tokens.owner}` }), 'BAD_USER_INPUT', 400);
    }
    const get = async () => {
      const response = await fetch(`${h.url}/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, { headers: { authorization: `Bearer ${h.a.tokens.owner}` } });
      return { status: response.status, headers: response.headers, data: undefined, errors: ((await response.json()) as { errors: GraphQLResponse['errors'] }).errors };
    };
    const blocked = await expectRefused(get, 'BAD_USER_INPUT', 400);
    expect(blocked.errors?.[0].message).toMatch(/Cross-Site Request Forgery/);
    const preflighted = await fetch(`${h.url}/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, {
      headers: { authorization: `Bearer ${h.a.tokens.owner}`, 'apollo-require-preflight': 'true' },
    });
    expect(((await preflighted.json()) as { data: { viewer: { role: string } } }).data.viewer.role).toBe('OWNER');
  });

  it('refuses a body over the cap (413) and malformed JSON (400)', async () => {
    const big = JSON.stringify({ query: `{ viewer { role } } # ${'x'.repeat(MAX_BODY)}` });
    await expectRefused(async () => postRaw(big, { 'content-type': 'application/json', authorization: `Bearer ${h.a.tokens.owner}` }), 'RESOURCE_EXHAUSTED', 413);
    await expectRefused(async () => postRaw('{"query": ', { 'content-type': 'application/json', authorization: `Bearer ${h.a.tokens.owner}` }), 'BAD_USER_INPUT', 400);
  });
});

async function postRaw(body: string, headers: Record<string, string>): Promise<GraphQLResponse<unknown>> {
  const response = await fetch(`${h.url}/graphql`, { method: 'POST', headers, body });
  const parsed = (await response.json()) as { data?: unknown; errors?: GraphQLResponse['errors'] };
  return { status: response.status, headers: response.headers, data: parsed.data, errors: parsed.errors };
}

/** A PUT with or without Content-Length (chunked), read to the end even if the server stops reading the body. */
function rawUpload(body: Buffer, withLength: boolean): Promise<{ status: number; body: { error: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${h.url}/v1/blobs`);
    const request = http.request(
      {
        method: 'PUT',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: {
          authorization: `Bearer ${h.a.tokens.member}`,
          'content-type': 'application/octet-stream',
          ...(withLength ? { 'content-length': String(body.length) } : { 'transfer-encoding': 'chunked' }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close the socket while the rest of the body is still being written.
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (let offset = 0; offset < body.length; offset += 64 * 1024) request.write(body.subarray(offset, offset + 64 * 1024));
    request.end();
  });
}
