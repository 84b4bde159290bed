/**
 * A layer Y = X W with W pruned to a sparsity: ONNX Runtime's dense fp32 MatMul on the pruned W
 * (what a pruned model runs without sparse kernels) against our SpMM on W in CSC (the CSR of
 * W^T), prepared once as a constant weight. GOPS are dense-equivalent (2*M*K*N) on both sides.
 */
import * as kernels from '@edgepress/kernels-native';
import { randomFloats, sparsify } from './data';
import type { Shape } from './gemm-cases';
import { ElemType } from './onnx-model';
import { ortRunner, ortTensor } from './ort-runner';
import { productResult, type BenchResult } from './results';
import { medianSeconds, type TimingBudget } from './timing';

export async function benchSparse(shape: Shape, threadCounts: readonly number[], sparsities: readonly number[], budget: TimingBudget, report: (r: BenchResult) => void): Promise<void> {
  const { m, k, n } = shape;
  const x = randomFloats(m * k, 4);
  const dense = randomFloats(k * n, 5);
  for (const sparsity of sparsities) {
    const w = sparsify(dense, sparsity, 6);
    const csc = kernels.prepareSparseMatrix(await kernels.packCsc({ data: w, shape: [k, n] }));
    for (const threads of threadCounts) {
      const row = { case: 'spmm', threads, m, k, n, sparsity };
      const ort = await ortRunner(
        {
          op: 'MatMul',
          inputs: ['x', 'w'],
          graphInputs: [{ name: 'x', elemType: ElemType.FLOAT, shape: [m, k] }],
          initializers: [{ name: 'w', elemType: ElemType.FLOAT, dims: [k, n], data: w }],
          output: { name: 'y', elemType: ElemType.FLOAT, shape: [m, n] },
          opset: 13,
        },
        threads,
      );
      const feed = { x: ortTensor('float32', x, [m, k]) };
      report(productResult({ ...row, impl: 'ort-dense' }, await medianSeconds(() => ort(feed), budget)));
      report(productResult({ ...row, impl: 'edgepress' }, await medianSeconds(() => kernels.matmulDenseCsc({ data: x, shape: [m, k] }, csc, { threads }), budget)));
    }
  }
}
