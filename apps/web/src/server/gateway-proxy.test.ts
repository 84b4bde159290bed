import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blobRoutePath, forwardToGateway } from './gateway-proxy';

// A real HTTP server in the gateway's place records what the proxy sends it.
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  sha256: string;
  bytes: number;
}

let server: Server;
let gatewayUrl: string;
let seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const hash = createHash('sha256');
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, sha256: hash.digest('hex'), bytes });
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', 'session=leak');
      res.setHeader('content-disposition', 'attachment; filename="a.onnx"');
      res.setHeader('x-powered-by', 'something');
      res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

const env = () => ({ EDGEPRESS_GATEWAY_URL: gatewayUrl });

describe('forwardToGateway', () => {
  it('forwards the token, the content type and the query, never cookies', async () => {
    const request = new Request('http://console.test/graphql?op=x', {
      method: 'POST',
      headers: { authorization: 'Bearer ep_abc_def', 'content-type': 'application/json', cookie: 'a=b', 'x-forwarded-for': '1.2.3.4', origin: 'http://evil.example' },
      body: '{"query":"{viewer{role}}"}',
    });
    const response = await forwardToGateway(request, '/graphql', 'graphql', env());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/graphql?op=x' });
    expect(seen[0].headers).toMatchObject({ authorization: 'Bearer ep_abc_def', 'content-type': 'application/json' });
    expect(seen[0].headers).not.toHaveProperty('cookie');
    expect(seen[0].headers).not.toHaveProperty('x-forwarded-for');
    expect(seen[0].headers).not.toHaveProperty('origin');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="a.onnx"');
  });

  it('streams an upload through unchanged', async () => {
    const body = randomBytes(5 * 1024 * 1024 + 17);
    const chunks = [body.subarray(0, 1_000_000), body.subarray(1_000_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new Uint8Array(next));
        else controller.close();
      },
    });
    const request = new Request('http://console.test/v1/blobs', { method: 'PUT', headers: { 'content-type': 'application/octet-stream', authorization: 'Bearer t' }, body: stream, duplex: 'half' } as RequestInit);
    const response = await forwardToGateway(request, '/v1/blobs', 'rest', env());
    expect(response.status).toBe(200);
    expect(seen[0]).toMatchObject({ method: 'PUT', bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
  });

  it('passes the gateway status through and sends no body for HEAD', async () => {
    const missing = await forwardToGateway(new Request('http://console.test/v1/blobs/x'), '/missing', 'rest', env());
    expect(missing.status).toBe(404);
    const head = await forwardToGateway(new Request('http://console.test/v1/blobs/x', { method: 'HEAD' }), '/v1/blobs/x', 'rest', env());
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it('answers UNAVAILABLE in the caller\'s error shape when the gateway is missing or down', async () => {
    const unset = await forwardToGateway(new Request('http://console.test/graphql', { method: 'POST', body: '{}' }), '/graphql', 'graphql', {});
    expect(unset.status).toBe(503);
    expect((await unset.json()).errors[0].extensions.code).toBe('UNAVAILABLE');
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    const down = await forwardToGateway(new Request('http://console.test/v1/blobs'), '/v1/blobs', 'rest', { EDGEPRESS_GATEWAY_URL: `http://127.0.0.1:${closed}` });
    expect(down.status).toBe(502);
    expect((await down.json()).error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining(`127.0.0.1:${closed}`) });
  });
});

describe('blobRoutePath', () => {
  it('forwards only the blob and artifact routes', () => {
    const sha = 'a'.repeat(64);
    expect(blobRoutePath(['blobs'])).toBe('/v1/blobs');
    expect(blobRoutePath(['blobs', sha])).toBe(`/v1/blobs/${sha}`);
    expect(blobRoutePath(['artifacts', '2b8a1c9e-0000-4000-8000-000000000000'])).toBe('/v1/artifacts/2b8a1c9e-0000-4000-8000-000000000000');
    for (const bad of [[], ['metrics'], ['blobs', 'xyz'], ['blobs', sha, 'more'], ['artifacts', '../../metrics'], ['healthz']]) expect(blobRoutePath(bad)).toBeNull();
  });
});
