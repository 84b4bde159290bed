/**
 * Balancing, retries and failover of createKernelClient against real servers on ephemeral ports
 * (no mocks): round robin, a dead address in the list, every address dead, a server that comes
 * back on the same port, a draining server that health checks steer away from, and the client's
 * own argument checks.
 */
import { createKernelServer, type KernelServer } from '../server/kernel-server';
import { recordingLogger } from '../testing/recording-logger';
import { createKernelClient, type KernelClient, type RetryEvent } from './kernel-client';

const x = { data: new Float32Array([1, -2, 3, -4]), shape: [4] };
const started: { server: KernelServer; logger: ReturnType<typeof recordingLogger> }[] = [];
const clients: KernelClient[] = [];

async function startServer(port = 0, drainDelayMs = 0) {
  const logger = recordingLogger();
  const server = await createKernelServer({ port, threads: 1, logger, drainDelayMs });
  const entry = { server, logger, served: () => logger.entries.filter((e) => e.message === 'kernel call done').length };
  started.push(entry);
  return entry;
}

/** An address where nothing listens: a server's port, after the server is gone. */
async function deadAddress(): Promise<string> {
  const { server } = await startServer();
  server.forceShutdown();
  return server.address;
}

function client(options: Partial<Parameters<typeof createKernelClient>[0]> & { addresses: string[] }): KernelClient {
  const c = createKernelClient({ deadlineMs: 10_000, healthCheckIntervalMs: 0, ...options });
  clients.push(c);
  return c;
}

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  for (const { server } of started.splice(0)) server.forceShutdown();
});

describe('kernel client', () => {
  it('balances calls round robin over its addresses', async () => {
    const servers = [await startServer(), await startServer(), await startServer()];
    const c = client({ addresses: servers.map((s) => s.server.address) });
    for (let i = 0; i < 9; i++) await c.tensorMinMax(x);
    expect(servers.map((s) => s.served())).toEqual([3, 3, 3]);
  }, 20_000);

  it('moves to the next address at once when one is dead, and keeps away from it while it backs off', async () => {
    const alive = await startServer();
    const dead = await deadAddress();
    const retries: RetryEvent[] = [];
    const c = client({ addresses: [dead, alive.server.address], onRetry: (event) => retries.push(event), initialBackoffMs: 5000 });
    for (let i = 0; i < 4; i++) await expect(c.tensorMinMax(x)).resolves.toBeDefined();
    expect(alive.served()).toBe(4);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ method: 'tensorMinMax', address: dead, attempt: 1, delayMs: 0, error: expect.objectContaining({ code: 'UNAVAILABLE' }) });
  });

  it('gives UNAVAILABLE after maxAttempts when every address is dead', async () => {
    const retries: RetryEvent[] = [];
    const c = client({ addresses: [await deadAddress(), await deadAddress()], maxAttempts: 4, initialBackoffMs: 20, onRetry: (e) => retries.push(e) });
    await expect(c.tensorMinMax(x)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
  });

  it('stops retrying when the deadline would pass during the backoff', async () => {
    const c = client({ addresses: [await deadAddress()], maxAttempts: 50, initialBackoffMs: 400, deadlineMs: 300 });
    const before = Date.now();
    await expect(c.tensorMinMax(x)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(Date.now() - before).toBeLessThan(2000);
  });

  it('retries until a server is back on the same address', async () => {
    const first = await startServer();
    const port = first.server.port;
    const retries: RetryEvent[] = [];
    const c = client({ addresses: [first.server.address], maxAttempts: 20, initialBackoffMs: 50, maxBackoffMs: 200, onRetry: (e) => retries.push(e) });
    await c.tensorMinMax(x);
    first.server.forceShutdown();
    const call = c.tensorMinMax(x);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = await startServer(port);
    await expect(call).resolves.toMatchObject({ min: new Float32Array([-4]), max: new Float32Array([3]) });
    expect(second.served()).toBe(1);
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => r.error.code === 'UNAVAILABLE')).toBe(true);
  });

  it('steers calls away from a server whose health check says NOT_SERVING', async () => {
    const draining = await startServer(0, 5000);
    const healthy = await startServer();
    const c = client({ addresses: [draining.server.address, healthy.server.address], healthCheckIntervalMs: 50 });
    await c.tensorMinMax(x);
    await c.tensorMinMax(x);
    expect([draining.served(), healthy.served()]).toEqual([1, 1]);
    void draining.server.drain();
    // Several health polls (50 ms apart), with room for a loaded machine.
    await new Promise((resolve) => setTimeout(resolve, 600));
    for (let i = 0; i < 4; i++) await c.tensorMinMax(x);
    expect([draining.served(), healthy.served()]).toEqual([1, 5]);
  });

  it('does not retry errors other than UNAVAILABLE', async () => {
    const s = await startServer();
    const retries: RetryEvent[] = [];
    const c = client({ addresses: [s.server.address], onRetry: (e) => retries.push(e) });
    await expect(c.quantizeLinear(x, 'int8', { scale: new Float32Array([0]) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(retries).toHaveLength(0);
  });

  it('refuses a call whose signal is already aborted with CANCELLED, without sending it', async () => {
    const s = await startServer();
    const c = client({ addresses: [s.server.address] });
    await expect(c.tensorMinMax(x, {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(s.served()).toBe(0);
  });

  it('checks its own options and the arguments protobuf would silently change', async () => {
    expect(() => createKernelClient({ addresses: [], deadlineMs: 1000 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { argument: 'addresses' } }));
    expect(() => createKernelClient({ addresses: ['127.0.0.1:1'], deadlineMs: undefined as unknown as number })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { argument: 'deadlineMs' } }),
    );
    const c = client({ addresses: ['127.0.0.1:1'] });
    await expect(c.tensorMinMax(x, { axis: 0.5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument: 'layout.axis' } });
    await expect(c.tensorMinMax(x, {}, { threads: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument: 'threads' } });
    await expect(c.quantizeLinear({ data: [1, 2] as unknown as Float32Array, shape: [2] }, 'int8', { scale: new Float32Array([1]) })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { argument: 'x.data' },
    });
    await expect(c.quantizeLinear(x, 'int3' as 'int8', { scale: new Float32Array([1]) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument: 'type' } });
  });
});
