/**
 * Quick measurement of the sparse-weight MatMul (matmulDenseCsc) against ONNX Runtime's dense fp32
 * MatMul on the same weight (an initializer, so ONNX Runtime pre-packs it) at the same thread
 * count. Batches of the two alternate, so load from other processes hits both alike; the table
 * shows medians over the rounds of wall time per call and, because a shared machine can stall
 * either side, also of process CPU time per call (meaningful for 1 thread: with 2, ONNX Runtime's
 * workers spin while they wait). Not part of the test suite (the full benchmark lives in
 * tools/bench); run it with
 *   node --import tsx libs/kernels-native/test/perf/spmm-vs-onnxruntime.ts [--rounds 15]
 *     [--shapes 64x1024x1024,...] [--sparsity 0.9,...] [--kernel auto|portable|avx2|avx512] [--reuse-output]
 * --reuse-output passes the same `out` array on every call (as a layer in a loop would).
 */
import { matmulDenseCsc, packCsc, prepareSparseMatrix, sparseKernels, type SparseKernelName } from '../../src/index';
import { buildModels, ElemType, ort, singleNode, tensor } from '../fixtures/ort-models';
import { TestRandom } from '../fixtures/seeded-data';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Wall and process CPU seconds per call over a batch. */
async function batchSeconds(run: () => Promise<unknown>, calls: number): Promise<{ wall: number; cpu: number }> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < calls; i++) await run();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - start) / 1e9 / calls, cpu: (used.user + used.system) / 1e6 / calls };
}

async function main(): Promise<void> {
  const rounds = Number(argument('rounds', '15'));
  const shapes = argument('shapes', '64x1024x1024').split(',').map((s) => s.split('x').map(Number) as [number, number, number]);
  const sparsities = argument('sparsity', '0.9').split(',').map(Number);
  const kernel = argument('kernel', 'auto') as SparseKernelName;
  const reuseOutput = process.argv.includes('--reuse-output');
  const rng = new TestRandom(1);
  console.log(`kernels: ${JSON.stringify(sparseKernels())}, forcing ${kernel}${reuseOutput ? ', reusing the output array' : ''}`);
  console.log('   M     K     N  sparsity threads   ORT ms  ours ms  speed-up   ORT cpu ms  ours cpu ms  cpu ratio');
  for (const [m, k, n] of shapes) {
    for (const sparsity of sparsities) {
      const w = rng.sparse(k * n, sparsity);
      const x = rng.floats(m * k);
      const weight = prepareSparseMatrix(await packCsc({ data: w, shape: [k, n] }));
      const [model] = buildModels([
        singleNode(
          { op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] },
          [{ name: 'x', elemType: ElemType.FLOAT, shape: [m, k] }],
          [{ name: 'y', elemType: ElemType.FLOAT, shape: [m, n] }],
          13,
          [{ name: 'w', elemType: ElemType.FLOAT, dims: [k, n], raw: w }],
        ),
      ]);
      for (const threads of [1, 2]) {
        const session = await ort.InferenceSession.create(model as Uint8Array, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
        const feeds = { x: tensor('float32', x, [m, k]) };
        const runOrt = () => session.run(feeds);
        const out = reuseOutput ? new Float32Array(m * n) : undefined;
        const runOurs = () => matmulDenseCsc({ data: x, shape: [m, k] }, weight, { threads, kernel, out });
        const calls = Math.max(3, Math.round(2e8 / (2 * m * k * n)));
        await batchSeconds(runOrt, calls);
        await batchSeconds(runOurs, calls);
        const samples = { ortWall: [] as number[], oursWall: [] as number[], ratio: [] as number[], ortCpu: [] as number[], oursCpu: [] as number[], cpuRatio: [] as number[] };
        for (let r = 0; r < rounds; r++) {
          const a = await batchSeconds(runOrt, calls);
          const b = await batchSeconds(runOurs, calls);
          samples.ortWall.push(a.wall);
          samples.oursWall.push(b.wall);
          samples.ratio.push(a.wall / b.wall);
          samples.ortCpu.push(a.cpu);
          samples.oursCpu.push(b.cpu);
          samples.cpuRatio.push(a.cpu / b.cpu);
        }
        const row = {
          case: 'spmm-vs-dense',
          reuseOutput,
          m,
          k,
          n,
          sparsity,
          threads,
          ortSeconds: median(samples.ortWall),
          oursSeconds: median(samples.oursWall),
          speedup: median(samples.ratio),
          ortCpuSeconds: median(samples.ortCpu),
          oursCpuSeconds: median(samples.oursCpu),
          cpuRatio: median(samples.cpuRatio),
        };
        const ms = (v: number, width: number) => (v * 1e3).toFixed(3).padStart(width);
        console.log(
          `${String(m).padStart(4)} ${String(k).padStart(5)} ${String(n).padStart(5)} ${sparsity.toFixed(2).padStart(9)} ${String(threads).padStart(7)} ${ms(row.ortSeconds, 8)} ${ms(row.oursSeconds, 8)} ${row.speedup.toFixed(2).padStart(9)} ${ms(row.ortCpuSeconds, 12)} ${ms(row.oursCpuSeconds, 12)} ${row.cpuRatio.toFixed(2).padStart(10)}`,
        );
        console.log(JSON.stringify(row));
        await session.release();
      }
    }
  }
}

void main();
