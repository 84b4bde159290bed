/**
 * Trust boundary 4 against the kernel server as a separate process: a call without a deadline is
 * refused; each kind of malformed argument (shape, dtype, CSR indptr, indices, scales 0/NaN/Inf,
 * zero point) gets INVALID_ARGUMENT naming the argument; tensors above the cap get
 * RESOURCE_EXHAUSTED; reflection lists the service; the process is still serving afterwards.
 */
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createKernelClient, SERVICE_NAME, type KernelClient } from '@edgepress/kernels-rpc/client';
import { startKernelServer, stopKernelServer, type KernelServerProcess } from './kernel-server-process';

let server: KernelServerProcess;
let client: KernelClient;
let raw: grpc.Client;

beforeAll(async () => {
  server = await startKernelServer(['--threads', '1', '--max-tensor-bytes', String(1 << 20)]);
  client = createKernelClient({ addresses: [server.address], deadlineMs: 20_000, healthCheckIntervalMs: 0 });
  raw = new grpc.Client(server.address, grpc.credentials.createInsecure());
}, 60_000);

afterAll(async () => {
  raw?.close();
  client?.close();
  await stopKernelServer(server);
});

const x = { data: new Float32Array([0.5, -1, 2, 3, -4, 5]), shape: [2, 3] };
const params = (scale: number[], zeroPoint?: number[]) => ({
  scale: new Float32Array(scale),
  zeroPoint: zeroPoint === undefined ? undefined : new Int32Array(zeroPoint),
  axis: 0,
});
// A valid 2 x 3 CSR matrix: [[1, 0, 2], [0, 3, 0]].
const csr = (fields: Partial<{ indptr: number[]; indices: number[] }> = {}) => ({
  format: 'csr' as const,
  shape: [2, 3] as [number, number],
  indptr: new Int32Array(fields.indptr ?? [0, 2, 3]),
  indices: new Int32Array(fields.indices ?? [0, 2, 1]),
  values: new Float32Array([1, 2, 3]),
});
const b = { data: new Float32Array(6).fill(1), shape: [3, 2] };

const invalid = (argument: string | RegExp) =>
  expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { argument: typeof argument === 'string' ? argument : expect.stringMatching(argument) } });

describe('kernel server process at trust boundary 4', () => {
  it('refuses a call without a deadline with INVALID_ARGUMENT', async () => {
    const status = await new Promise<grpc.StatusObject>((resolve) => {
      const call = raw.makeBidiStreamRequest(`/${SERVICE_NAME}/HuffmanCode`, (v: Buffer) => v, (v: Buffer) => v, new grpc.Metadata(), {});
      call.on('data', () => undefined);
      call.on('error', () => undefined);
      call.on('status', resolve);
      call.end();
    });
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(status.details).toContain('must carry a deadline');
  });

  it.each([
    ['a shape that does not match the data', 'x', () => client.quantizeLinear({ data: new Float32Array(5), shape: [2, 3] }, 'int8', params([1, 1]))],
    ['a zero dimension', 'x.shape[1]', () => client.quantizeLinear({ data: new Float32Array(0), shape: [2, 0] }, 'int8', params([1, 1]))],
    ['the wrong dtype', 'x.data', () => client.quantizeLinear({ data: new Int32Array(6), shape: [2, 3] } as never, 'int8', params([1, 1]))],
    ['a CSR indptr that is not monotonic', 'a.indptr', () => client.csrMatmul(csr({ indptr: [0, 3, 2] }), b)],
    ['a CSR index out of range', 'a.indices', () => client.csrMatmul(csr({ indices: [0, 3, 1] }), b)],
    ['a scale of 0', 'scale[1]', () => client.quantizeLinear(x, 'int8', params([1, 0]))],
    ['a NaN scale', 'scale[0]', () => client.quantizeLinear(x, 'int8', params([Number.NaN, 1]))],
    ['an infinite scale', 'scale[1]', () => client.dequantizeLinear({ type: 'int8', data: new Int8Array(6), shape: [2, 3] }, params([1, Number.POSITIVE_INFINITY]))],
    ['a zero point out of range', 'zeroPoint[1]', () => client.quantizeLinear(x, 'int4', params([1, 1], [0, 8]))],
    ['a per-column zero point out of range in a GEMM', 'bZeroPoint', () => client.matmulInteger({ data: new Uint8Array(6), shape: [2, 3] }, { data: new Int8Array(6), shape: [3, 2] }, { bZeroPoint: 300 })],
  ])('answers %s with INVALID_ARGUMENT naming %s', async (_what, argument, call) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toEqual(invalid(argument));
    expect((error as Error).message).toContain(argument.replace(/\[.*$/, ''));
  });

  it('answers a tensor above --max-tensor-bytes with RESOURCE_EXHAUSTED', async () => {
    await expect(client.tensorMinMax({ data: new Float32Array(1 << 19), shape: [1 << 19] })).rejects.toMatchObject({ code: 'RESOURCE_EXHAUSTED', details: { argument: 'x' } });
  });

  it('lists the service through server reflection', async () => {
    const protoPath = path.join(path.dirname(require.resolve('@grpc/reflection')), '..', 'proto', 'grpc', 'reflection', 'v1', 'reflection.proto');
    const definition = grpc.loadPackageDefinition(protoLoader.loadSync(protoPath, { keepCase: true })) as unknown as {
      grpc: { reflection: { v1: { ServerReflection: grpc.ServiceClientConstructor } } };
    };
    const reflection = new definition.grpc.reflection.v1.ServerReflection(server.address, grpc.credentials.createInsecure());
    const services = await new Promise<string[]>((resolve, reject) => {
      const call = reflection.ServerReflectionInfo({ deadline: Date.now() + 5000 }) as grpc.ClientDuplexStream<object, { list_services_response?: { service: { name: string }[] } }>;
      call.on('data', (response) => resolve(response.list_services_response?.service.map((entry: { name: string }) => entry.name) ?? []));
      call.on('error', reject);
      call.write({ list_services: '' });
      call.end();
    });
    reflection.close();
    expect(services).toEqual(expect.arrayContaining([SERVICE_NAME, 'grpc.health.v1.Health']));
  });

  it('is still serving after all of it', async () => {
    expect(server.child.exitCode).toBeNull();
    await expect(client.quantizeLinear(x, 'int8', params([0.1, 0.1]))).resolves.toMatchObject({ type: 'int8', shape: [2, 3] });
  });
});
