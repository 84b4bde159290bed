/**
 * Failure and shutdown of the kernel server process: SIGKILL in the middle of a call gives the
 * client UNAVAILABLE, and a retrying client's call succeeds once a new server listens on the same
 * address; SIGTERM turns health NOT_SERVING, lets the in-flight call finish, and exits 0.
 */
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { createInProcessKernels, createKernelClient, SERVICE_NAME, type KernelClient, type RetryEvent } from '@edgepress/kernels-rpc';
import { startKernelServer, stopKernelServer, type KernelServerProcess } from './kernel-server-process';

const N = 1024;
const servers: KernelServerProcess[] = [];
const clients: KernelClient[] = [];

afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of servers) await stopKernelServer(s);
});

async function start(args: string[] = []): Promise<KernelServerProcess> {
  const server = await startKernelServer(['--threads', '1', '--log-level', 'debug', ...args]);
  servers.push(server);
  return server;
}

function client(address: string, options: Partial<Parameters<typeof createKernelClient>[0]> = {}): KernelClient {
  const c = createKernelClient({ addresses: [address], deadlineMs: 60_000, healthCheckIntervalMs: 0, ...options });
  clients.push(c);
  return c;
}

function pattern(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (((i * 7919 + seed * 104729) % 2003) - 1001) / 1001;
  return out;
}

// A dense 1024 x 1024 CSR matrix times [1024, 1024]: about a second of work on one thread.
const dense = { data: pattern(N * N, 1), shape: [N, N] };
const b = { data: pattern(N * N, 2), shape: [N, N] };

function healthOf(address: string): Promise<string> {
  const check = healthService.Check as grpc.MethodDefinition<{ service: string }, { status: string }>;
  const raw = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise<string>((resolve, reject) => {
    raw.makeUnaryRequest(check.path, check.requestSerialize, check.responseDeserialize, { service: SERVICE_NAME }, { deadline: Date.now() + 3000 }, (error, response) => {
      raw.close();
      if (error) reject(error);
      else resolve(response?.status ?? 'UNKNOWN');
    });
  });
}

describe('kernel server process failures', () => {
  it('gives UNAVAILABLE when the server is killed mid-call, and a retrying call succeeds on a new server at the same address', async () => {
    const first = await start();
    const a = await createInProcessKernels().packCsr(dense);
    const once = client(first.address, { maxAttempts: 1 });
    const retries: RetryEvent[] = [];
    const retrying = client(first.address, { maxAttempts: 60, initialBackoffMs: 100, maxBackoffMs: 500, onRetry: (e) => retries.push(e) });

    const failing = once.csrMatmul(a, b).catch((e: unknown) => e);
    const recovering = retrying.csrMatmul(a, b);
    await first.waitForLog('kernel call started');
    first.child.kill('SIGKILL');
    expect(await failing).toMatchObject({ code: 'UNAVAILABLE' });

    await first.exited;
    const second = await start(['--port', String(first.port)]);
    const received = await recovering;
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => r.error.code === 'UNAVAILABLE' && r.address === first.address)).toBe(true);
    expect(second.logs.some((l) => l.msg === 'kernel call done' && l.rpc === 'CsrMatmul')).toBe(true);

    const expected = await createInProcessKernels().csrMatmul(a, b);
    expect(received.shape).toEqual(expected.shape);
    expect(Buffer.from(received.data.buffer).equals(Buffer.from(expected.data.buffer))).toBe(true);
  }, 90_000);

  it('drains on SIGTERM: health NOT_SERVING, the in-flight call completes, exit code 0', async () => {
    const server = await start(['--drain-delay-ms', '1500', '--grace-period-ms', '30000']);
    const c = client(server.address);
    expect(await healthOf(server.address)).toBe('SERVING');
    const a = await c.packCsr(dense);
    const inFlight = c.csrMatmul(a, b);
    await server.waitForLog('kernel call started');
    server.child.kill('SIGTERM');
    await server.waitForLog('draining: health NOT_SERVING');
    expect(await healthOf(server.address)).toBe('NOT_SERVING');
    await expect(inFlight).resolves.toMatchObject({ shape: [N, N] });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['kernel call done', 'drained']));
  }, 90_000);
});
