/**
 * Quick side-by-side timing of the part-1 kernels against ONNX Runtime (same shapes, same thread
 * counts, one process) and of per-channel int8 quantization against plain JavaScript, reporting
 * medians (the machine is shared). This is a development check; the benchmark proper lives in
 * tools/bench.
 *
 *   node --import tsx libs/kernels-native/test/perf/part1-vs-ort.ts [--shape 256,1024,1024] [--rounds 40] [--ort-spinning 0]
 *
 * ONNX Runtime gets its weights as initializers (so it pre-packs them, as we pre-pack ours) and
 * runs with intraOpNumThreads = threads, interOpNumThreads = 1. Its pool threads spin after a run
 * by default (session.intra_op.allow_spinning); on a 2-core machine a call of ours right after an
 * ONNX Runtime run loses a core to that spinning thread (measured: 4.7 ms instead of 0.8 ms for
 * 256x1024x1024 on 2 threads when calls alternate one by one), hence the blocks below, and
 * `--ort-spinning 0` to compare without any spinning.
 */
import { dynamicQuantizeMatmul, matmulInteger } from '../../src/gemm-int8';
import { matmulNBits, quantizeInt4Weights } from '../../src/gemm-int4';
import { packInt8Weights } from '../../src/gemm-int8-weights';
import { quantizeLinear } from '../../src/quantize-linear';
import { roundHalfToEven } from '../../src/quantize-params';
import { buildModels, ElemType, ort, tensor, type ModelSpec } from '../fixtures/ort-models';

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const [M, K, N] = argument('shape', '256,1024,1024').split(',').map(Number) as [number, number, number];
const ROUNDS = Number(argument('rounds', '40'));
const ORT_SPINNING = argument('ort-spinning', '1');

function session(model: Uint8Array, threads: number) {
  return ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    extra: { session: { intra_op: { allow_spinning: ORT_SPINNING } } },
  });
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Medians in seconds over blocks that alternate between the two sides (5 blocks of rounds / 5
 * calls each, after a warm-up): alternation spreads the machine's drift over both, and blocks
 * (rather than single calls) keep one side's idle-spinning pool threads (ONNX Runtime's, see
 * --ort-spinning) out of most of the other side's calls.
 */
async function compare(ours: () => Promise<unknown>, theirs: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < 5; i++) {
    await ours();
    await theirs();
  }
  const a: number[] = [];
  const b: number[] = [];
  const perBlock = Math.max(1, Math.floor(ROUNDS / 5));
  for (let block = 0; block < 5; block++) {
    for (let r = 0; r < perBlock; r++) a.push(await seconds(ours));
    for (let r = 0; r < perBlock; r++) b.push(await seconds(theirs));
  }
  return [median(a), median(b)];
}

function report(name: string, threads: number, ours: number, theirs: number, work: { gops?: number; gbps?: number }, reference: string): void {
  const rate = (s: number) => (work.gops !== undefined ? `${(work.gops / s).toFixed(1)} GOPS` : `${((work.gbps ?? 0) / s).toFixed(2)} GB/s`);
  console.log(
    `${name.padEnd(22)} threads ${threads}: ours ${(ours * 1e3).toFixed(3)} ms (${rate(ours)}), ${reference} ${(theirs * 1e3).toFixed(3)} ms (${rate(theirs)}), ratio ${(theirs / ours).toFixed(2)}x`,
  );
  for (const [impl, s] of [['edgepress', ours], [reference, theirs]] as const) {
    const line: Record<string, unknown> = { case: name, impl, threads, m: M, k: K, n: N, sparsity: 0, seconds: s };
    if (work.gops !== undefined) line.gops = work.gops / s;
    else line.gbps = (work.gbps ?? 0) / s;
    console.log(JSON.stringify(line));
  }
}

/** Plain-JS per-channel int8 quantization (axis 0 of [rows, cols]), the speed baseline. */
function quantizePerChannelJs(x: Float32Array, rows: number, cols: number, scale: Float32Array): Int8Array {
  const out = new Int8Array(x.length);
  for (let r = 0; r < rows; r++) {
    const s = scale[r] as number;
    for (let c = 0; c < cols; c++) {
      const q = roundHalfToEven(Math.fround((x[r * cols + c] as number) / s));
      out[r * cols + c] = q < -128 ? -128 : q > 127 ? 127 : q;
    }
  }
  return out;
}

async function main(): Promise<void> {
  const rand = random(1);
  const a8 = Uint8Array.from({ length: M * K }, () => Math.floor(rand() * 256));
  const a32 = Float32Array.from({ length: M * K }, () => rand() * 2 - 1);
  const b8 = Int8Array.from({ length: K * N }, () => Math.floor(rand() * 255) - 127);
  const bScale = Float32Array.from({ length: N }, () => 0.001 + rand() * 0.01);
  const w = Float32Array.from({ length: K * N }, () => rand() - 0.5);
  const int4 = await quantizeInt4Weights({ data: w, shape: [K, N] }, { blockSize: 32 });
  const blocks = Math.ceil(K / 32);

  const specs: ModelSpec[] = [
    {
      opsets: { '': 13 },
      nodes: [{ op: 'MatMulInteger', inputs: ['a', 'b', 'az', 'bz'], outputs: ['y'] }],
      inputs: [{ name: 'a', elemType: ElemType.UINT8, shape: [M, K] }],
      outputs: [{ name: 'y', elemType: ElemType.INT32, shape: [M, N] }],
      initializers: [
        { name: 'b', elemType: ElemType.INT8, dims: [K, N], raw: b8 },
        { name: 'az', elemType: ElemType.UINT8, dims: [], raw: Uint8Array.of(128) },
        { name: 'bz', elemType: ElemType.INT8, dims: [], raw: Int8Array.of(0) },
      ],
    },
    {
      opsets: { '': 13, 'com.microsoft': 1 },
      nodes: [{ op: 'DynamicQuantizeMatMul', domain: 'com.microsoft', inputs: ['a', 'b', 'bs', 'bz'], outputs: ['y'] }],
      inputs: [{ name: 'a', elemType: ElemType.FLOAT, shape: [M, K] }],
      outputs: [{ name: 'y', elemType: ElemType.FLOAT, shape: [M, N] }],
      initializers: [
        { name: 'b', elemType: ElemType.INT8, dims: [K, N], raw: b8 },
        { name: 'bs', elemType: ElemType.FLOAT, dims: [N], raw: bScale },
        { name: 'bz', elemType: ElemType.INT8, dims: [N], raw: new Int8Array(N) },
      ],
    },
    {
      opsets: { '': 21, 'com.microsoft': 1 },
      nodes: [
        {
          op: 'MatMulNBits',
          domain: 'com.microsoft',
          inputs: ['a', 'b', 's', 'z'],
          outputs: ['y'],
          attrs: { K, N, bits: 4, block_size: 32, accuracy_level: 0 },
        },
      ],
      inputs: [{ name: 'a', elemType: ElemType.FLOAT, shape: [M, K] }],
      outputs: [{ name: 'y', elemType: ElemType.FLOAT, shape: [M, N] }],
      initializers: [
        { name: 'b', elemType: ElemType.UINT8, dims: [N, blocks, 16], raw: int4.data },
        { name: 's', elemType: ElemType.FLOAT, dims: [N * blocks], raw: int4.scales },
        { name: 'z', elemType: ElemType.UINT8, dims: [N * Math.ceil(blocks / 2)], raw: int4.zeroPoints as Uint8Array },
      ],
    },
  ];
  const [integerModel, dynamicModel, nbitsModel] = buildModels(specs) as [Uint8Array, Uint8Array, Uint8Array];
  const packed = await packInt8Weights({ data: b8, shape: [K, N] });
  const gops = (2 * M * K * N) / 1e9;

  for (const threads of [1, 2]) {
    const integer = await session(integerModel, threads);
    const dynamic = await session(dynamicModel, threads);
    const nbits = await session(nbitsModel, threads);
    const feeds8 = { a: tensor('uint8', a8, [M, K]) };
    const feeds32 = { a: tensor('float32', a32, [M, K]) };

    let [ours, theirs] = await compare(
      () => matmulInteger({ data: a8, shape: [M, K] }, packed, { aZeroPoint: 128, threads }),
      () => integer.run(feeds8),
    );
    report('int8 MatMulInteger', threads, ours, theirs, { gops }, 'onnxruntime');
    [ours, theirs] = await compare(
      () => dynamicQuantizeMatmul({ data: a32, shape: [M, K] }, packed, { bScale, threads }),
      () => dynamic.run(feeds32),
    );
    report('int8 dynamic (fp32 A)', threads, ours, theirs, { gops }, 'onnxruntime');
    [ours, theirs] = await compare(() => matmulNBits({ data: a32, shape: [M, K] }, int4, { threads }), () => nbits.run(feeds32));
    report('int4 MatMulNBits', threads, ours, theirs, { gops }, 'onnxruntime');
  }

  // Per-channel int8 quantization of a [K, N] weight (one scale per row) against plain JS.
  const scale = Float32Array.from({ length: K }, () => 0.004 + rand() * 0.001);
  const bytes = K * N * 4;
  for (const threads of [1, 2]) {
    const [ours, theirs] = await compare(
      () => quantizeLinear({ data: w, shape: [K, N] }, 'int8', { scale, axis: 0 }, { threads }),
      async () => quantizePerChannelJs(w, K, N, scale),
    );
    report('quantize per-channel', threads, ours, theirs, { gbps: bytes / 1e9 }, 'plain-js');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
