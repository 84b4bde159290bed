/**
 * The console server over plain HTTP: security headers, a page that references only its own
 * origin, and the same-origin proxy in front of the gateway: uploads stream through with the
 * gateway's hash, CSRF-style requests are refused by the gateway (the proxy adds no credential),
 * and nothing but /graphql, /v1/blobs and /v1/artifacts is forwarded.
 */
import { createHash } from 'node:crypto';
import { classifierBytes, graphql } from './support/api';
import type { PlatformInfo } from './support/platform-process';
import { getPlatform } from './support/shared-platform';
import { createTeam, type TestTeam } from './support/teams';

let platform: PlatformInfo;
let team: TestTeam;

beforeAll(async () => {
  platform = await getPlatform();
  team = await createTeam(platform, 'HTTP team');
}, 300_000);

test('pages carry a strict content security policy and reference only their own origin', async () => {
  const response = await fetch(`${platform.consoleUrl}/targets`);
  expect(response.status).toBe(200);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-powered-by')).toBeNull();
  const html = await response.text();
  const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
  expect(references.length).toBeGreaterThan(0);
  expect(references.filter((url) => /^(?:https?:)?\/\//.test(url))).toEqual([]);
});

test('the health route names the gateway it forwards to', async () => {
  expect(await (await fetch(`${platform.consoleUrl}/healthz`)).json()).toEqual({ ok: true, gateway: platform.gatewayUrl, problem: null });
});

test('an upload streams through the proxy and the gateway hashes the same bytes', async () => {
  const bytes = classifierBytes();
  const response = await fetch(`${platform.consoleUrl}/v1/blobs`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${team.tokens.member}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  expect(response.status).toBeLessThan(300);
  const body = (await response.json()) as { sha256: string; sizeBytes: number };
  expect(body).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length });
});

test('cross-site style requests are refused by the gateway behind the proxy, and change nothing', async () => {
  // A mutation that would leave a row behind if it ran.
  const mutation = JSON.stringify({ query: 'mutation { registerDataset(input: { name: "csrf", purpose: EVALUATION, format: MNIST_BUILTIN, sampleCount: 10 }) { id } }' });
  // A form post (text/plain) carries no preflight: Apollo's CSRF prevention refuses it before it runs.
  const simple = await fetch(`${platform.consoleUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${team.tokens.owner}` }, body: mutation });
  expect(simple.status).toBe(400);
  // Without a token nothing runs at all: the proxy never adds one (there is no cookie to add).
  const anonymous = await fetch(`${platform.consoleUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'session=anything' }, body: mutation });
  expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  const form = await fetch(`${platform.consoleUrl}/v1/blobs`, { method: 'PUT', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' });
  expect(form.status).toBe(400);
  const { datasets, models } = await graphql(platform.gatewayUrl, team.tokens.viewer, '{ datasets { nodes { id } } models { nodes { id } } }');
  expect({ datasets: datasets.nodes, models: models.nodes }).toEqual({ datasets: [], models: [] });
});

test('only the GraphQL, blob and artifact routes reach the gateway', async () => {
  for (const path of ['/v1/metrics', '/v1/blobs/not-a-hash', '/v1/artifacts/..%2F..%2Fmetrics', '/metrics']) {
    const response = await fetch(`${platform.consoleUrl}${path}`, { headers: { authorization: `Bearer ${team.tokens.owner}` } });
    expect({ path, status: response.status }).toEqual({ path, status: 404 });
    expect(await response.text()).not.toContain('process_cpu');
  }
});
