/**
 * Per-channel int8 quantization of a 64 MB float32 tensor [channels, columns] (axis 0, given
 * scales): plain JavaScript (one thread, ONNX rounding and saturation), our quantizeLinear in
 * process, and the same call through the gRPC kernel service with the server in another process,
 * three ways: streamed over TCP (edgepress-grpc: what a remote server gets), and over same-host
 * shared memory with the tensor allocated in a shared region and the result written into a shared
 * range (edgepress-grpc-shm), or copied into the region on every call first (edgepress-grpc-shm-copy:
 * a caller whose tensor lives elsewhere). Every output is checked against the in-process one
 * before anything is timed.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as kernels from '@edgepress/kernels-native';
import { createKernelClient, type KernelClient } from '@edgepress/kernels-rpc/client';
import { randomFloats } from './data';
import { measureCase, type BenchResult } from './results';
import type { Side, TimingBudget } from './timing';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** ONNX QuantizeLinear per axis 0 in plain JavaScript: round half to even, saturate to int8. */
export function quantizePerChannelJs(x: Float32Array, channels: number, scale: Float32Array, out: Int8Array): void {
  const columns = x.length / channels;
  for (let c = 0; c < channels; c++) {
    const s = scale[c] as number;
    for (let i = c * columns, end = i + columns; i < end; i++) {
      // float32 division, as ONNX QuantizeLinear computes x / y_scale.
      const v = Math.fround((x[i] as number) / s);
      let r = Math.round(v);
      if (r - v === 0.5 && (r & 1) !== 0) r -= 1;
      out[i] = r > 127 ? 127 : r < -128 ? -128 : r;
    }
  }
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

async function startServer(threads: number): Promise<{ address: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'apps/kernel-server/src/main.ts'), '--port', '0', '--threads', String(threads), '--log-level', 'warn'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`kernel-server exited with ${code}`)));
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const match = /^kernel-server listening on (.+)$/.exec(line);
      if (match) resolve(match[1] as string);
    });
  });
  return { address, pid: child.pid as number, stop: () => child.kill('SIGTERM') };
}

type QuantizeParams = { scale: Float32Array; axis: number };

/** The gRPC sides (streamed, shared memory, shared memory with a copy), each checked once against `expected`. */
async function grpcSides(client: KernelClient, tensor: { data: Float32Array; shape: number[] }, params: QuantizeParams, expected: ArrayBufferView) {
  const input = await client.createSharedRegion(tensor.data.byteLength);
  const output = await client.createSharedRegion(tensor.data.length);
  const shared = { data: new Float32Array(input.buffer), shape: tensor.shape };
  shared.data.set(tensor.data);
  const intoOutput = client.withSharedOutput(output.range(0, output.byteLength));
  const streamed = (threads: number) => client.quantizeLinear(tensor, 'int8', params, { threads });
  const zeroCopy = (threads: number) => intoOutput.quantizeLinear(shared, 'int8', params, { threads });
  const withCopy = (threads: number) => {
    shared.data.set(tensor.data);
    return zeroCopy(threads);
  };
  for (const [name, run] of [['streamed', streamed], ['shared-memory', zeroCopy]] as const) {
    const result = await run(1);
    if (!sameBytes(result.data, expected)) throw new Error(`quantization through gRPC (${name}) disagrees with quantizeLinear`);
  }
  if ((await zeroCopy(1)).data.buffer !== output.buffer) throw new Error('the kernel server did not use shared memory (is it on this host, with --shared-memory on?)');
  return (threads: number): Side[] => [
    { impl: 'edgepress-grpc', run: () => streamed(threads) },
    { impl: 'edgepress-grpc-shm', run: () => zeroCopy(threads) },
    { impl: 'edgepress-grpc-shm-copy', run: () => withCopy(threads) },
  ];
}

export async function benchQuantize(megabytes: number, threadCounts: readonly number[], grpc: boolean, budget: TimingBudget, report: (r: BenchResult) => void): Promise<void> {
  const channels = 256;
  const columns = (megabytes * (1 << 20)) / 4 / channels;
  const x = randomFloats(channels * columns, 7);
  const scale = new Float32Array(channels).fill(1 / 127);
  const tensor = { data: x, shape: [channels, columns] };
  const params = { scale, axis: 0 };
  const work = { bytes: x.byteLength };

  const reference = await kernels.quantizeLinear(tensor, 'int8', params);
  const js = new Int8Array(x.length);
  quantizePerChannelJs(x, channels, scale, js);
  if (!sameBytes(js, reference.data)) throw new Error('plain-JS quantization disagrees with quantizeLinear');
  const plainJs: Side = { impl: 'plain-js', threads: 1, run: async () => quantizePerChannelJs(x, channels, scale, js) };

  const server = grpc ? await startServer(Math.max(...threadCounts)) : undefined;
  const client = server ? createKernelClient({ addresses: [server.address], deadlineMs: 120_000, healthCheckIntervalMs: 0 }) : undefined;
  try {
    const remoteSides = client ? await grpcSides(client, tensor, params, reference.data) : () => [];
    for (const threads of threadCounts) {
      const fields = { case: 'quantize-per-channel-int8', threads, m: channels, k: columns, n: 1, sparsity: 0 };
      const sides: Side[] = [...(threads === 1 ? [plainJs] : []), { impl: 'edgepress', run: () => kernels.quantizeLinear(tensor, 'int8', params, { threads }) }, ...remoteSides(threads)];
      await measureCase(fields, sides, work, budget, report, server ? [server.pid] : []);
    }
  } finally {
    client?.close();
    server?.stop();
  }
}
