/**
 * The Calibrate stream against a real server: failed requests answer with their error and the
 * session goes on; a bad open, a broken stream and a missing deadline end it; cancelling and a
 * dead server reach the caller; the server's state stays bounded however many batches stream in.
 */
import * as grpc from '@grpc/grpc-js';
import { createKernelClient, type KernelClient } from '../client/kernel-client';
import { kernelsServiceDefinition } from '../proto';
import { randomFloats } from '../testing/fixtures';
import { createKernelServer, type KernelServer } from './kernel-server';

let server: KernelServer;
let client: KernelClient;

beforeAll(async () => {
  server = await createKernelServer({ threads: 1, chunkBytes: 4096 });
  client = createKernelClient({ addresses: [server.address], deadlineMs: 20_000, chunkBytes: 4096, healthCheckIntervalMs: 0 });
});

afterAll(async () => {
  client.close();
  await server.drain();
});

describe('calibration session', () => {
  it('answers a bad batch or query with its error and keeps the session', async () => {
    const calibrator = await client.createCalibrator();
    await calibrator.update(randomFloats(1000, 1));
    await expect(calibrator.update(new Float32Array([1, Number.NaN]))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(calibrator.range({ method: 'percentile', percentile: 20 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument: 'percentile' } });
    await expect(calibrator.update({ data: new Int32Array(4), shape: [4] } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument: 'batch.data' } });
    await expect(calibrator.stats()).resolves.toMatchObject({ count: 1000 });
    await calibrator.close();
  });

  it('refuses a bad bin count when opening', async () => {
    await expect(client.createCalibrator({ bins: 300 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument: 'bins' } });
  });

  it('keeps a fixed state size however many batches stream in', async () => {
    const calibrator = await client.createCalibrator({ bins: 512 });
    await calibrator.update(randomFloats(100, 2));
    const first = await calibrator.stats();
    for (let i = 0; i < 20; i++) await calibrator.update(randomFloats(20_000, 3 + i, 10 * (i + 1)));
    const last = await calibrator.stats();
    expect(last.count).toBe(100 + 20 * 20_000);
    expect(last.stateBytes).toBe(first.stateBytes);
    await calibrator.close();
  });

  it('ends the session with CANCELLED when an update is aborted', async () => {
    const calibrator = await client.createCalibrator();
    await expect(calibrator.update(randomFloats(100_000, 4), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(calibrator.stats()).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses a stream without a deadline, and one that opens with a chunk', async () => {
    const method = kernelsServiceDefinition.Calibrate as grpc.MethodDefinition<object, object>;
    const raw = new grpc.Client(server.address, grpc.credentials.createInsecure());
    const statusOf = (frames: object[], options: grpc.CallOptions) =>
      new Promise<grpc.StatusObject>((resolve) => {
        const call = raw.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, new grpc.Metadata(), options);
        call.on('data', () => undefined);
        call.on('error', () => undefined);
        call.on('status', resolve);
        for (const frame of frames) call.write(frame);
        call.end();
      });
    expect(await statusOf([{ id: 1, open: {} }], {})).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('deadline') });
    expect(await statusOf([{ id: 1, chunk: { tensorId: 0, data: Buffer.alloc(4) } }], { deadline: Date.now() + 5000 })).toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('first frame to be open'),
    });
    raw.close();
  });

  it('gives UNAVAILABLE to a session whose server is gone', async () => {
    const doomed = await createKernelServer({ threads: 1 });
    const c = createKernelClient({ addresses: [doomed.address], deadlineMs: 10_000, healthCheckIntervalMs: 0 });
    const calibrator = await c.createCalibrator();
    await calibrator.update(randomFloats(100, 5));
    doomed.forceShutdown();
    await expect(calibrator.stats()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    c.close();
  });
});
