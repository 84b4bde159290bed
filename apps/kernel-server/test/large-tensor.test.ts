/**
 * A 256 MB float32 tensor quantized per channel (int8, axis 0) through the kernel server in a
 * separate process: the result matches the in-process kernels on sampled channels, and the
 * server's peak memory shows it streamed (one copy of the input plus the output, not several).
 */
import { createInProcessKernels, createKernelClient, type KernelClient } from '@edgepress/kernels-rpc';
import { startKernelServer, stopKernelServer, type KernelServerProcess } from './kernel-server-process';

const CHANNELS = 64;
const COLUMNS = 1 << 20; // 64 x 1 Mi float32 = 256 MiB
const MiB = 1 << 20;

let server: KernelServerProcess | undefined;
let client: KernelClient | undefined;

afterAll(async () => {
  client?.close();
  await stopKernelServer(server);
});

const PERIOD = 4096;

/** A deterministic pattern, different per channel and including values that saturate, tiled along the row. */
function fillChannel(c: number, row: Float32Array): void {
  const period = row.subarray(0, PERIOD);
  let s = (c * 2654435761) >>> 0;
  for (let i = 0; i < PERIOD; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    period[i] = ((s / 4294967296) * 2 - 1) * (1 + (c % 5));
  }
  for (let offset = PERIOD; offset < row.length; offset += PERIOD) row.copyWithin(offset, 0, PERIOD);
}

it('quantizes a 256 MB tensor per channel through a separate server process', async () => {
  server = await startKernelServer(['--threads', '2']);
  const baseline = server.peakRss();
  client = createKernelClient({ addresses: [server.address], deadlineMs: 120_000, healthCheckIntervalMs: 0 });

  const data = new Float32Array(CHANNELS * COLUMNS);
  for (let c = 0; c < CHANNELS; c++) fillChannel(c, data.subarray(c * COLUMNS, (c + 1) * COLUMNS));
  const scale = Float32Array.from({ length: CHANNELS }, (_, c) => (1 + (c % 5)) / 100);
  const zeroPoint = Int32Array.from({ length: CHANNELS }, (_, c) => (c % 3) - 1);

  const result = await client.quantizeLinear({ data, shape: [CHANNELS, COLUMNS] }, 'int8', { scale, zeroPoint, axis: 0 });
  expect(result.type).toBe('int8');
  expect(result.shape).toEqual([CHANNELS, COLUMNS]);
  expect(result.data).toBeInstanceOf(Int8Array);
  expect(result.data.length).toBe(CHANNELS * COLUMNS);

  const local = createInProcessKernels();
  for (const c of [0, 1, 31, 62, 63]) {
    const row = data.subarray(c * COLUMNS, (c + 1) * COLUMNS);
    const expected = await local.quantizeLinear({ data: row, shape: [COLUMNS] }, 'int8', { scale: scale.subarray(c, c + 1), zeroPoint: zeroPoint.subarray(c, c + 1) });
    const received = result.data.subarray(c * COLUMNS, (c + 1) * COLUMNS);
    expect(Buffer.compare(Buffer.from(received.buffer, received.byteOffset, received.byteLength), Buffer.from(expected.data.buffer))).toBe(0);
  }

  // Streamed: the server holds the 256 MiB input and the 64 MiB output once, plus chunks in flight.
  const grown = server.peakRss() - baseline;
  expect(grown).toBeGreaterThan(256 * MiB);
  expect(grown).toBeLessThan(256 * MiB + 64 * MiB + 160 * MiB);
}, 120_000);
