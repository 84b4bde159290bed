/**
 * The same-host shared-memory transport against in-test servers (same process, so same host and
 * user): every operator gives the in-process result with its tensors in a shared region and its
 * results written into a shared range; references that are not valid get INVALID_ARGUMENT naming
 * them; registration refuses bad handles and calls without a deadline; a server without shared
 * memory makes the client stream; regions are released when unregistered and when the server stops.
 * (Across processes: apps/kernel-server/test/shared-memory.test.ts.)
 */
import * as grpc from '@grpc/grpc-js';
import { createInProcessKernels, createKernelClient, createKernelServer, type KernelClient, type KernelServer, type KernelService, type SharedTensorRegion } from './index';
import { codecFor } from './operators';
import { kernelsServiceDefinition } from './proto';
import { CONFORMANCE_CASES } from './testing/conformance-cases';
import { normalise, randomFloats } from './testing/fixtures';
import { recordingLogger } from './testing/recording-logger';

const CHUNK = 4096;
const logger = recordingLogger();
let server: KernelServer;
let client: KernelClient;
let inputs: SharedTensorRegion;
let outputs: SharedTensorRegion;
const local: KernelService = createInProcessKernels();

beforeAll(async () => {
  server = await createKernelServer({ threads: 2, chunkBytes: CHUNK, logger });
  client = createKernelClient({ addresses: [server.address], deadlineMs: 20_000, chunkBytes: CHUNK, healthCheckIntervalMs: 0 });
  inputs = await client.createSharedRegion(8 << 20);
  outputs = await client.createSharedRegion(8 << 20);
});

afterAll(async () => {
  client.close();
  await server.drain();
});

/**
 * The arguments of a call with every typed array above the inline size copied into `region`
 * (64-byte aligned, from the start), so that they travel as references.
 */
function intoRegion<T>(value: T, region: SharedTensorRegion, at = { offset: 0 }): T {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView) && value.byteLength > 4096) {
    const ctor = value.constructor as new (buffer: ArrayBuffer, offset: number, length: number) => ArrayBufferView & { set(v: unknown): void };
    const copy = new ctor(region.buffer, at.offset, value.byteLength / (value as unknown as Float32Array).BYTES_PER_ELEMENT);
    copy.set(value);
    at.offset += Math.ceil(value.byteLength / 64) * 64;
    return copy as T;
  }
  if (Array.isArray(value)) return value.map((item) => intoRegion(item, region, at)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, intoRegion(v, region, at)])) as T;
  }
  return value;
}

/** `target` with every call's arguments moved into the input region first. */
function withSharedInputs(target: KernelService): KernelService {
  return new Proxy(target, {
    get: (service, method: string) => {
      const fn = (service as unknown as Record<string, (...args: unknown[]) => unknown>)[method] as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => fn(...intoRegion(args, inputs));
    },
  });
}

describe('KernelService over same-host shared memory', () => {
  it.each(CONFORMANCE_CASES)('%s gives the in-process result', async (_name, run) => {
    const expected = await run(local);
    const received = await run(withSharedInputs(client.withSharedOutput(outputs.range(0, outputs.byteLength))));
    expect(normalise(received)).toEqual(normalise(expected));
  });

  it('sends tensors as references and writes results into the output range without copies on the client', async () => {
    const x = new Float32Array(inputs.buffer, 0, 256 * 64);
    x.set(randomFloats(x.length, 3, 2));
    const params = { scale: Float32Array.from({ length: 256 }, (_, i) => 0.01 + i * 1e-4), axis: 0 };
    logger.entries.length = 0;
    const q = await client.withSharedOutput(outputs.range(4096, 1 << 20)).quantizeLinear({ data: x, shape: [256, 64] }, 'int8', params);
    expect(q.data.buffer).toBe(outputs.buffer);
    expect(q.data.byteOffset).toBe(4096);
    expect(normalise(q)).toEqual(normalise(await local.quantizeLinear({ data: x, shape: [256, 64] }, 'int8', params)));
    // Only the scales (inline) were received as bytes: the 64 KiB tensor came by reference.
    const started = logger.entries.find((e) => e.message === 'kernel call started');
    expect(started?.fields.bytes).toBe(256 * 4);
    // Without an output range the result comes back as bytes (a fresh array).
    const streamed = await client.quantizeLinear({ data: x, shape: [256, 64] }, 'int8', params);
    expect(streamed.data.buffer).not.toBe(outputs.buffer);
    expect(normalise(streamed)).toEqual(normalise(q));
  });

  it('streams the results that do not fit the output range', async () => {
    const x = { data: randomFloats(16 * 1024, 4), shape: [16, 1024] };
    const y = await client.withSharedOutput(outputs.range(0, 1024)).quantizeLinear(x, 'int8', { scale: new Float32Array([0.01]) });
    expect(y.data.buffer).not.toBe(outputs.buffer);
    expect(normalise(y)).toEqual(normalise(await local.quantizeLinear(x, 'int8', { scale: new Float32Array([0.01]) })));
  });

  it('lets QuantizeLinear write its result straight into the output range (no copy on the server)', () => {
    const codec = codecFor('quantizeLinear');
    const room = new Uint8Array(256);
    const allocate = (bytes: number) => room.subarray(64, 64 + bytes);
    const x = { data: new Float32Array(50), shape: [5, 10] };
    const int8 = codec.outputInto?.([x, 'int8', { scale: new Float32Array([1]) }, {}], allocate)[3] as { out: Int8Array };
    expect([int8.out.constructor, int8.out.length, int8.out.buffer, int8.out.byteOffset]).toEqual([Int8Array, 50, room.buffer, 64]);
    const int4 = codec.outputInto?.([x, 'uint4', { scale: new Float32Array([1]) }, {}], allocate)[3] as { out: Uint8Array };
    expect([int4.out.constructor, int4.out.length]).toEqual([Uint8Array, 25]);
    // No room, or arguments that validation will refuse: the parameters stay as they were.
    expect(codec.outputInto?.([x, 'int8', {}, {}], () => undefined)[3]).toEqual({});
    expect(codec.outputInto?.([{ data: x.data, shape: 'bad' }, 'int8', {}, {}], allocate)[3]).toEqual({});
  });

  it('checks output ranges on the client', () => {
    expect(() => outputs.range(3, 64)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { argument: 'offset' } }));
    expect(() => outputs.range(0, outputs.byteLength + 1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { argument: 'byteLength' } }));
  });
});

describe('shared-memory references at the server boundary', () => {
  let raw: grpc.Client;
  let regionId: string;
  beforeAll(async () => {
    raw = new grpc.Client(server.address, grpc.credentials.createInsecure());
    regionId = await registerRaw(inputs, { deadline: Date.now() + 5000 }).then((r) => r.regionId);
  });
  afterAll(() => raw.close());

  function unaryRaw<Res>(rpc: string, request: object, options: grpc.CallOptions): Promise<Res> {
    const method = kernelsServiceDefinition[rpc] as grpc.MethodDefinition<object, Res>;
    return new Promise((resolve, reject) =>
      raw.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, options, (error, response) => (error ? reject(error) : resolve(response as Res))),
    );
  }
  const registerRaw = (region: SharedTensorRegion, options: grpc.CallOptions, handle?: object) =>
    unaryRaw<{ regionId: string }>('RegisterSharedRegion', { handle: handle ?? (region as unknown as { native: { handle: object } }).native.handle }, options);

  /** A QuantizeLinear call whose x refers to shared memory; resolves with its status. */
  function quantizeRaw(shared: object, options: object = {}): Promise<grpc.StatusObject> {
    const method = kernelsServiceDefinition.QuantizeLinear as grpc.MethodDefinition<object, object>;
    return new Promise((resolve) => {
      const call = raw.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, new grpc.Metadata(), { deadline: Date.now() + 5000 });
      call.on('data', () => undefined);
      call.on('error', () => undefined);
      call.on('status', resolve);
      const scale = { id: 1, dtype: 'DATA_TYPE_FLOAT32', shape: [1], byteLength: 4, data: Buffer.from(new Float32Array([0.1]).buffer) };
      call.write({ args: { x: { id: 0, dtype: 'DATA_TYPE_FLOAT32', shape: [1024], byteLength: 4096, shared }, type: 'DATA_TYPE_INT8', params: { scale }, options } });
      call.end();
    });
  }
  const argumentOf = (status: grpc.StatusObject) => status.metadata.get('edgepress-argument')[0];

  it('accepts a valid reference', async () => {
    expect((await quantizeRaw({ regionId, offset: 8192 })).code).toBe(grpc.status.OK);
  });

  it.each([
    ['an unknown region id', { regionId: 'f'.repeat(32), offset: 0 }],
    ['a region id that is not one', { regionId: '../x', offset: 0 }],
    ['an offset past the region', { offset: (8 << 20) - 4092 }],
    ['an offset far past the region', { offset: 2 ** 52 }],
    ['an offset not aligned for float32', { offset: 2 }],
  ])('refuses %s with INVALID_ARGUMENT naming x.shared', async (_name, slice) => {
    const status = await quantizeRaw({ ...{ regionId, offset: 0 }, ...slice });
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(argumentOf(status)).toBe('x.shared');
  });

  it.each([
    ['an unknown region', { regionId: 'a'.repeat(32), offset: 0, byteLength: 4096 }],
    ['a range past the region', { offset: (8 << 20) - 1024, byteLength: 4096 }],
    ['a misaligned range', { offset: 32, byteLength: 4096 }],
  ])('refuses an output range with %s', async (_name, range) => {
    const status = await quantizeRaw({ regionId, offset: 0 }, { sharedOutput: { regionId, ...range } });
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(argumentOf(status)).toBe('options.sharedOutput');
  });

  it('refuses bad handles and registrations without a deadline', async () => {
    const handle = (inputs as unknown as { native: { handle: { tag: string; byteLength: number } } }).native.handle;
    await expect(registerRaw(inputs, {})).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(registerRaw(inputs, { deadline: Date.now() + 5000 }, { ...handle, tag: '0'.repeat(32) })).rejects.toMatchObject({ code: grpc.status.PERMISSION_DENIED });
    await expect(registerRaw(inputs, { deadline: Date.now() + 5000 }, { ...handle, byteLength: 4096 })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(registerRaw(inputs, { deadline: Date.now() + 5000 }, { ...handle, tag: 'xyz' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(unaryRaw('UnregisterSharedRegion', { regionId: 'b'.repeat(32) }, { deadline: Date.now() + 5000 })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('releases a region when it is unregistered; references to it are then refused', async () => {
    const id = (await registerRaw(inputs, { deadline: Date.now() + 5000 })).regionId;
    await unaryRaw('UnregisterSharedRegion', { regionId: id }, { deadline: Date.now() + 5000 });
    expect(logger.entries.some((e) => e.message === 'shared region released' && e.fields.regionId === id && e.fields.reason === 'unregistered')).toBe(true);
    expect((await quantizeRaw({ regionId: id, offset: 0 })).code).toBe(grpc.status.INVALID_ARGUMENT);
  });
});

describe('shared memory when the server does not offer it', () => {
  it('makes the client stream, with the same results', async () => {
    const plainLogger = recordingLogger();
    const plain = await createKernelServer({ threads: 1, sharedMemory: false, logger: plainLogger });
    const c = createKernelClient({ addresses: [plain.address], deadlineMs: 20_000, healthCheckIntervalMs: 0 });
    try {
      const region = await c.createSharedRegion(1 << 20);
      const x = new Float32Array(region.buffer, 0, 16 * 1024);
      x.set(randomFloats(x.length, 5));
      const out = region.range(0, 64);
      const y = await c.withSharedOutput(out).quantizeLinear({ data: x, shape: [16, 1024] }, 'uint8', { scale: new Float32Array([0.01]), zeroPoint: new Int32Array([128]) });
      expect(normalise(y)).toEqual(normalise(await local.quantizeLinear({ data: x.slice(), shape: [16, 1024] }, 'uint8', { scale: new Float32Array([0.01]), zeroPoint: new Int32Array([128]) })));
      expect(plainLogger.entries.find((e) => e.message === 'kernel call started')?.fields.bytes).toBeGreaterThan(64 * 1024);
      await region.close();
      expect(x.length).toBe(0);
    } finally {
      c.close();
      await plain.drain();
    }
  });
});

describe('shared regions and server restarts', () => {
  it('are registered again with a server that restarted on the same address', async () => {
    const first = await createKernelServer({ threads: 1 });
    const c = createKernelClient({ addresses: [first.address], deadlineMs: 20_000, healthCheckIntervalMs: 0, initialBackoffMs: 20 });
    const region = await c.createSharedRegion(1 << 20);
    const x = new Float32Array(region.buffer, 0, 16 * 1024);
    x.set(randomFloats(x.length, 6));
    const out = c.withSharedOutput(region.range(1 << 19, 1 << 16));
    const expected = normalise(await local.quantizeLinear({ data: x.slice(), shape: [16, 1024] }, 'int8', { scale: new Float32Array([0.02]) }));
    expect(normalise(await out.quantizeLinear({ data: x, shape: [16, 1024] }, 'int8', { scale: new Float32Array([0.02]) }))).toEqual(expected);
    first.forceShutdown();
    const second = await createKernelServer({ threads: 1, port: first.port });
    try {
      const y = await out.quantizeLinear({ data: x, shape: [16, 1024] }, 'int8', { scale: new Float32Array([0.02]) });
      expect(y.data.buffer).toBe(region.buffer);
      expect(normalise(y)).toEqual(expected);
    } finally {
      c.close();
      await second.drain();
    }
  }, 30_000);
});

describe('shared regions and server shutdown', () => {
  it('are released when the server stops', async () => {
    const stopLogger = recordingLogger();
    const s = await createKernelServer({ threads: 1, logger: stopLogger });
    const c = createKernelClient({ addresses: [s.address], deadlineMs: 20_000, healthCheckIntervalMs: 0 });
    const region = await c.createSharedRegion(1 << 20);
    const x = new Float32Array(region.buffer, 0, 4096);
    await c.tensorMinMax({ data: x, shape: [4096] });
    await s.drain();
    expect(stopLogger.entries.filter((e) => e.message === 'shared region released').map((e) => e.fields.reason)).toEqual(['server stopped']);
    c.close();
  });
});
