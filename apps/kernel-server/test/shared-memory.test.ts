/**
 * The same-host shared-memory transport with the kernel server as a separate process: a 64 MB
 * tensor in a shared region is quantized per channel by reference with the result written into a
 * shared range, identical to in-process; the server maps a region while it is registered and
 * unmaps it when the client closes it or when the client process dies (SIGKILL, no goodbye); with
 * --shared-memory off the same calls stream and give the same result.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { createInProcessKernels, createKernelClient, type KernelClient } from '@edgepress/kernels-rpc';
import { startKernelServer, stopKernelServer, type KernelServerProcess } from './kernel-server-process';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const CHANNELS = 256;
const COLUMNS = 65_536; // 256 x 64 Ki float32 = 64 MiB

let server: KernelServerProcess | undefined;
let client: KernelClient | undefined;

afterEach(async () => {
  client?.close();
  client = undefined;
  await stopKernelServer(server);
  server = undefined;
});

/** The server's mappings of shared regions (memfds named edgepress-shm-*). */
function sharedMappings(pid: number): number {
  return readFileSync(`/proc/${pid}/maps`, 'utf8')
    .split('\n')
    .filter((line) => line.includes('memfd:edgepress-shm-')).length;
}

async function eventually(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

async function quantizeThroughSharedMemory(c: KernelClient) {
  const input = await c.createSharedRegion(CHANNELS * COLUMNS * 4);
  const output = await c.createSharedRegion(CHANNELS * COLUMNS);
  const x = new Float32Array(input.buffer);
  for (let i = 0; i < x.length; i++) x[i] = (((i * 7919) % 511) - 255) * 0.37;
  const params = { scale: Float32Array.from({ length: CHANNELS }, (_, ch) => 0.5 + ch / 64), zeroPoint: Int32Array.from({ length: CHANNELS }, (_, ch) => (ch % 7) - 3), axis: 0 };
  const q = await c.withSharedOutput(output.range(0, output.byteLength)).quantizeLinear({ data: x, shape: [CHANNELS, COLUMNS] }, 'int8', params, { threads: 2 });
  const expected = await createInProcessKernels().quantizeLinear({ data: x, shape: [CHANNELS, COLUMNS] }, 'int8', params);
  return { q, expected, input, output };
}

it('quantizes a 64 MB tensor by reference into a shared output range, and unmaps regions once closed', async () => {
  server = await startKernelServer(['--threads', '2', '--log-level', 'debug']);
  client = createKernelClient({ addresses: [server.address], deadlineMs: 60_000, healthCheckIntervalMs: 0 });
  const { q, expected, input, output } = await quantizeThroughSharedMemory(client);
  expect(q.data.buffer).toBe(output.buffer);
  expect(sameBytes(q.data, expected.data)).toBe(true);
  // The 64 MiB went by reference: the server received only the scales and zero points as bytes.
  const started = server.logs.filter((e) => e.msg === 'kernel call started');
  expect(started.map((e) => e.bytes)).toEqual([CHANNELS * 8]);
  expect(sharedMappings(server.child.pid as number)).toBe(2);
  await input.close();
  await output.close();
  expect(q.data.length).toBe(0);
  await server.waitForLog('shared region released');
  await eventually(() => sharedMappings(server?.child.pid as number) === 0);
}, 120_000);

it('unmaps the regions of a client process that dies without closing them', async () => {
  server = await startKernelServer(['--threads', '1']);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'shared-memory-client.ts'), server.address], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`client exited with ${code}`)));
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => line === 'registered' && resolve());
  });
  const pid = server.child.pid as number;
  expect(sharedMappings(pid)).toBe(1);
  child.kill('SIGKILL');
  const released = await server.waitForLog('shared region released');
  expect(released.reason).toBe('client exited');
  await eventually(() => sharedMappings(pid) === 0);
}, 60_000);

it('streams the same call when the server has shared memory off', async () => {
  server = await startKernelServer(['--threads', '2', '--shared-memory', 'off']);
  client = createKernelClient({ addresses: [server.address], deadlineMs: 60_000, healthCheckIntervalMs: 0 });
  const { q, expected, input, output } = await quantizeThroughSharedMemory(client);
  expect(q.data.buffer).not.toBe(output.buffer);
  expect(sameBytes(q.data, expected.data)).toBe(true);
  expect(sharedMappings(server.child.pid as number)).toBe(0);
  await input.close();
  await output.close();
}, 120_000);
