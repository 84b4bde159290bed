import { z } from '@edgepress/plugin-sdk';

export const pruneMagnitudeParams = z.object({
  sparsity: z.number().min(0).max(1).default(0.5).describe('Fraction of the selected weights set to zero (floor(sparsity x count) of them).'),
  scope: z
    .enum(['global', 'per-layer'])
    .default('global')
    .describe('global: one magnitude threshold over all selected weights (layers end with different sparsities); per-layer: the same sparsity in every weight.'),
  opTypes: z
    .array(z.enum(['Conv', 'ConvTranspose', 'MatMul', 'Gemm']))
    .min(1)
    .default(['Conv', 'ConvTranspose', 'MatMul', 'Gemm'])
    .describe('Operators whose constant weight input (input 1) is pruned; biases are never pruned.'),
  include: z.array(z.string()).max(10000).default([]).describe('Node names to prune (empty: every node of the selected op types).'),
  exclude: z.array(z.string()).max(10000).default([]).describe('Node names whose weights stay dense.'),
  storage: z
    .enum(['sparse-initializer', 'dense'])
    .default('sparse-initializer')
    .describe(
      'sparse-initializer: a pruned weight whose non-zeros are few enough (below the break-even density) becomes an ONNX sparse_initializer so that the file shrinks; dense: zeros stay in place (smaller only after compression, e.g. gzip).',
    ),
});

export type PruneMagnitudeParams = z.output<typeof pruneMagnitudeParams>;
