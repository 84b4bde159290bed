/**
 * The server at its trust boundary, through real gRPC on an ephemeral port: calls without a
 * deadline, frames out of order or lying about sizes, bytes that are not protobuf, messages above
 * the size cap, tensors above the byte caps, arguments that kernels-native rejects, cancellation
 * reaching the native kernel; after each the server still serves.
 */
import * as grpc from '@grpc/grpc-js';
import { createKernelClient, type KernelClient } from '../client/kernel-client';
import { kernelsServiceDefinition } from '../proto';
import { randomFloats } from '../testing/fixtures';
import { recordingLogger } from '../testing/recording-logger';
import { createKernelServer, type KernelServer } from './kernel-server';

let server: KernelServer;
let client: KernelClient;
let raw: grpc.Client;
const logger = recordingLogger();
const CHUNK = 64 * 1024;

beforeAll(async () => {
  server = await createKernelServer({ threads: 1, chunkBytes: CHUNK, maxTensorBytes: 16 << 20, logger });
  client = createKernelClient({ addresses: [server.address], deadlineMs: 20_000, chunkBytes: CHUNK, healthCheckIntervalMs: 0 });
  raw = new grpc.Client(server.address, grpc.credentials.createInsecure());
});

afterAll(async () => {
  raw.close();
  client.close();
  await server.drain();
});

const small = { data: randomFloats(16, 1), shape: [4, 4] };

// A dense 1024 x 1024 CSR matrix times [1024, 4096]: about 4 G multiply-adds, several seconds on one thread.
const N = 1024;
let slowOperands: Promise<[Awaited<ReturnType<KernelClient['packCsr']>>, { data: Float32Array; shape: number[] }]> | undefined;
const slowProduct = () => (slowOperands ??= Promise.all([client.packCsr({ data: randomFloats(N * N, 2), shape: [N, N] }), { data: randomFloats(N * 4096, 3), shape: [N, 4096] }]));

/** Sends frames on a raw bidi call of `rpc` and returns the status it ends with. */
function rawCall(rpc: string, frames: object[], options: grpc.CallOptions = { deadline: Date.now() + 5000 }, serialize?: (value: object) => Buffer): Promise<grpc.StatusObject> {
  const method = kernelsServiceDefinition[rpc] as grpc.MethodDefinition<object, object>;
  return new Promise((resolve) => {
    const call = raw.makeBidiStreamRequest(method.path, serialize ?? method.requestSerialize, method.responseDeserialize, new grpc.Metadata(), options);
    call.on('data', () => undefined);
    call.on('error', () => undefined);
    call.on('status', resolve);
    for (const frame of frames) call.write(frame);
    call.end();
  });
}

const tensorHeader = (fields: object) => ({ id: 0, dtype: 'DATA_TYPE_UINT8', shape: [8], byteLength: 8, data: Buffer.alloc(0), ...fields });

async function stillServes(): Promise<void> {
  await expect(client.tensorMinMax(small)).resolves.toMatchObject({ min: expect.any(Float32Array) });
}

describe('kernel server', () => {
  it('refuses a call without a deadline with INVALID_ARGUMENT', async () => {
    const status = await rawCall('HuffmanCode', [{ args: { stream: tensorHeader({ data: Buffer.alloc(8) }) } }], {});
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(status.details).toMatch(/must carry a deadline/);
    expect(status.metadata.get('edgepress-argument')).toEqual(['deadline']);
  });

  it('serves the same call when it carries a deadline', async () => {
    const status = await rawCall('HuffmanCode', [{ args: { stream: tensorHeader({ data: Buffer.alloc(8) }) } }]);
    expect(status.code).toBe(grpc.status.OK);
  });

  it('refuses frames out of order, wrong chunks and missing bytes with INVALID_ARGUMENT naming the tensor', async () => {
    const chunkFirst = await rawCall('HuffmanCode', [{ chunk: { tensorId: 0, data: Buffer.alloc(8) } }]);
    expect(chunkFirst).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('first frame to be args') });
    const wrongId = await rawCall('HuffmanCode', [{ args: { stream: tensorHeader({}) } }, { chunk: { tensorId: 3, data: Buffer.alloc(8) } }]);
    expect(wrongId).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('belong to stream') });
    const missing = await rawCall('HuffmanCode', [{ args: { stream: tensorHeader({}) } }, { chunk: { tensorId: 0, data: Buffer.alloc(5) } }]);
    expect(missing).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('3 bytes of stream missing') });
    const lying = await rawCall('HuffmanCode', [{ args: { stream: tensorHeader({ byteLength: 9 }) } }]);
    expect(lying).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('Expected stream to hold 8 bytes') });
    await stillServes();
  });

  it('answers bytes that are not a protobuf message with an error status and keeps serving', async () => {
    const garbage = () => Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
    const status = await rawCall('QuantizeLinear', [{}], { deadline: Date.now() + 5000 }, garbage);
    expect(status.code).not.toBe(grpc.status.OK);
    await stillServes();
  });

  it('refuses a message above the size cap with RESOURCE_EXHAUSTED', async () => {
    const status = await rawCall('HuffmanCode', [{ args: { stream: tensorHeader({ shape: [CHUNK * 8], byteLength: CHUNK * 8, data: Buffer.alloc(CHUNK * 8) }) } }]);
    expect(status.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    await stillServes();
  });

  it('refuses a tensor above maxTensorBytes with RESOURCE_EXHAUSTED before receiving its bytes', async () => {
    const started = Date.now();
    const status = await rawCall('HuffmanCode', [{ args: { stream: tensorHeader({ shape: [2 ** 40], byteLength: 2 ** 40 }) } }]);
    expect(status).toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, details: expect.stringContaining('above the cap of 16777216 bytes per tensor') });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(client.tensorMinMax({ data: new Float32Array(5 << 20), shape: [5 << 20] })).rejects.toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      details: { argument: 'x' },
    });
  });

  it('maps kernels-native validation to INVALID_ARGUMENT naming the argument', async () => {
    await expect(client.quantizeLinear(small, 'int8', { scale: new Float32Array([Number.NaN]) })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('scale[0]'),
    });
    await stillServes();
  });

  it('caps the threads of a call at the server maximum', async () => {
    logger.entries.length = 0;
    await client.tensorMinMax(small, {}, { threads: 8 });
    expect(logger.entries.find((e) => e.message === 'kernel call done')?.fields.threads).toBe(1);
  });

  it('cancels the native kernel when the client cancels the call', async () => {
    const [a, b] = await slowProduct();
    logger.entries.length = 0;
    const abort = new AbortController();
    const call = client.csrMatmul(a, b, { signal: abort.signal });
    await waitFor(() => logger.entries.some((e) => e.message === 'kernel call started'), 20_000);
    const abortedAt = Date.now();
    abort.abort();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    await waitFor(() => logger.entries.some((e) => e.message === 'kernel stopped after cancellation'));
    const stoppedAfter = Date.now() - abortedAt;
    expect(logger.entries.find((e) => e.message === 'kernel stopped after cancellation')?.fields).toMatchObject({ rpc: 'CsrMatmul', code: 'CANCELLED' });
    // The whole product takes several seconds on one thread; stopping well before shows the cancel reached it.
    expect(stoppedAfter).toBeLessThan(2000);
  }, 30_000);

  it('ends a call past its deadline with DEADLINE_EXCEEDED', async () => {
    const hurried = createKernelClient({ addresses: [server.address], deadlineMs: 100, chunkBytes: CHUNK, healthCheckIntervalMs: 0 });
    const [a, b] = await slowProduct();
    await expect(hurried.csrMatmul(a, b)).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    hurried.close();
    await stillServes();
  }, 30_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
