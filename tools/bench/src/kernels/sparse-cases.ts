/**
 * A layer Y = X W with W pruned to a sparsity: ONNX Runtime's dense fp32 MatMul on the pruned W
 * (what a pruned model runs without sparse kernels) against our SpMM on W in CSC (the CSR of
 * W^T), prepared once as a constant weight, as ORT pre-packs its initializer. Our side writes
 * into one output array reused call after call (`out`, as a layer in a loop does; ORT returns a
 * fresh tensor). GOPS are dense-equivalent (2*M*K*N) on both sides.
 */
import * as kernels from '@edgepress/kernels-native';
import { randomFloats, sparsify } from './data';
import type { Shape } from './gemm-cases';
import { ElemType } from './onnx-model';
import { ortTensor, withOrtSession } from './ort-runner';
import { measureCase, productWork, type BenchResult } from './results';
import type { TimingBudget } from './timing';

export async function benchSparse(shape: Shape, threadCounts: readonly number[], sparsities: readonly number[], budget: TimingBudget, report: (r: BenchResult) => void): Promise<void> {
  const { m, k, n } = shape;
  const x = randomFloats(m * k, 4);
  const dense = randomFloats(k * n, 5);
  const out = new Float32Array(m * n);
  for (const sparsity of sparsities) {
    const w = sparsify(dense, sparsity, 6);
    const csc = kernels.prepareSparseMatrix(await kernels.packCsc({ data: w, shape: [k, n] }));
    const spec = {
      op: 'MatMul',
      inputs: ['x', 'w'],
      graphInputs: [{ name: 'x', elemType: ElemType.FLOAT, shape: [m, k] }],
      initializers: [{ name: 'w', elemType: ElemType.FLOAT, dims: [k, n], data: w }],
      output: { name: 'y', elemType: ElemType.FLOAT, shape: [m, n] },
      opset: 13,
    };
    const feed = { x: ortTensor('float32', x, [m, k]) };
    for (const threads of threadCounts) {
      const fields = { case: 'spmm', threads, m, k, n, sparsity };
      await withOrtSession(spec, threads, (ort) =>
        measureCase(
          fields,
          [
            { impl: 'ort-dense', run: () => ort.run(feed) },
            { impl: 'edgepress', run: () => kernels.matmulDenseCsc({ data: x, shape: [m, k] }, csc, { threads, out }) },
          ],
          productWork(fields),
          budget,
          report,
        ),
      );
    }
  }
}
