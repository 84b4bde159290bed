/**
 * The blob routes over real HTTP: role and CSRF checks before any byte is stored, deduplicated
 * uploads, HEAD, signed links (expiry, tampering), safe attachment names, addresses validated.
 */
import { createHash } from 'node:crypto';
import { LinkSigner, signedDownloadPath } from '../src/auth/signed-links';
import { ok } from './support/graphql-client';
import { classifierModelBytes, snapshot, uploadBlob } from './support/fixtures';
import { startHarness, type Harness } from './support/harness';

let h: Harness;
let modelSha: string;

beforeAll(async () => {
  h = await startHarness();
  const upload = await uploadBlob(h.url, h.a.tokens.member, classifierModelBytes());
  modelSha = upload.body.sha256;
  await ok(h.url, h.a.tokens.member, 'mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', {
    input: { name: 'cls', blobSha256: modelSha, uploadReceipt: upload.body.uploadReceipt },
  });
});
afterAll(async () => h?.close());

const put = (headers: Record<string, string>, body: Uint8Array | string = 'payload') => fetch(`${h.url}/v1/blobs`, { method: 'PUT', headers, body });

describe('PUT /v1/blobs', () => {
  it('refuses form-style cross-site requests, missing tokens and viewers before storing anything', async () => {
    const before = await snapshot(h.db, h.blobRoot);
    for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=z']) {
      const response = await put(contentType ? { 'content-type': contentType } : {});
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('CSRF');
    }
    const anonymous = await put({ 'content-type': 'application/octet-stream' });
    expect(anonymous.status).toBe(401);
    const viewer = await put({ 'content-type': 'application/octet-stream', authorization: `Bearer ${h.a.tokens.viewer}` });
    expect(viewer.status).toBe(403);
    expect(((await viewer.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect((await fetch(`${h.url}/v1/blobs`, { method: 'POST', headers: { authorization: `Bearer ${h.a.tokens.member}` }, body: 'x' })).status).toBe(404);
    expect(await snapshot(h.db, h.blobRoot)).toEqual(before);
  });

  it('hashes server-side, deduplicates, and checks a claimed hash', async () => {
    const bytes = Buffer.from('calibration samples');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const first = await put({ authorization: `Bearer ${h.a.tokens.member}`, 'content-type': 'application/octet-stream', 'x-content-sha256': sha }, bytes);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ sha256: sha, sizeBytes: bytes.length, created: true, uploadReceipt: expect.stringMatching(/^\d+\.[\w-]{43}$/) });
    const again = await put({ authorization: `Bearer ${h.a.tokens.member}`, 'content-type': 'application/octet-stream' }, bytes);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { created: boolean }).created).toBe(false);
  });
});

describe('GET and HEAD /v1/blobs/:sha256', () => {
  it('streams a referenced blob with its length; HEAD sends headers only', async () => {
    const head = await fetch(`${h.url}/v1/blobs/${modelSha}`, { method: 'HEAD', headers: { authorization: `Bearer ${h.a.tokens.viewer}` } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(classifierModelBytes().length));
    expect(head.headers.get('etag')).toBe(`"${modelSha}"`);
    const get = await fetch(`${h.url}/v1/blobs/${modelSha}`, { headers: { authorization: `Bearer ${h.a.tokens.viewer}` } });
    expect(createHash('sha256').update(Buffer.from(await get.arrayBuffer())).digest('hex')).toBe(modelSha);
  });

  it('an uploaded but unreferenced blob is not readable, not even by its uploader', async () => {
    const upload = await uploadBlob(h.url, h.a.tokens.member, Buffer.from('orphan bytes'));
    expect((await fetch(`${h.url}/v1/blobs/${upload.body.sha256}`, { headers: { authorization: `Bearer ${h.a.tokens.owner}` } })).status).toBe(404);
  });

  it('accepts a signed link until it expires, and refuses tampered ones', async () => {
    const signer = new LinkSigner('test-signing-secret-0123456789');
    const path = signedDownloadPath(signer, h.a.team.id, modelSha, '../../etc/passwd";.onnx');
    const response = await fetch(`${h.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename=".._.._etc_passwd__.onnx"');
    await response.arrayBuffer();
    const expired = signedDownloadPath(new LinkSigner('test-signing-secret-0123456789', () => Date.now() - 2 * 3600_000), h.a.team.id, modelSha);
    expect((await fetch(`${h.url}${expired}`)).status).toBe(401);
    const otherKey = signedDownloadPath(new LinkSigner('another-secret-0123456789abcdef'), h.a.team.id, modelSha);
    expect((await fetch(`${h.url}${otherKey}`)).status).toBe(401);
  });

  it('answers 404 for malformed addresses without touching the store', async () => {
    for (const address of ['..%2F..%2Fetc%2Fpasswd', 'ABC', `${'a'.repeat(63)}g`]) {
      const response = await fetch(`${h.url}/v1/blobs/${address}`, { headers: { authorization: `Bearer ${h.a.tokens.viewer}` } });
      expect(response.status).toBe(404);
    }
  });
});

describe('operational routes', () => {
  it('/healthz answers ok and /metrics exposes runs, queue depth, HTTP durations', async () => {
    expect(await (await fetch(`${h.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(text).toMatch(/edgepress_runs\{state="queued"\} 0/);
    expect(text).toMatch(/edgepress_queue_jobs\{status="queued"\} \d+/);
    expect(text).toMatch(/edgepress_http_request_duration_seconds_count\{method="PUT",route="\/v1\/blobs",status="201"\} \d+/);
    expect(text).not.toMatch(/route="\/v1\/blobs\/[0-9a-f]{64}"/);
  });
});
