import { z } from '@edgepress/plugin-sdk';

export const pruneNmParams = z
  .object({
    n: z.number().int().min(1).max(15).default(2).describe('Non-zeros kept in every group of m consecutive input-channel weights.'),
    m: z.number().int().min(2).max(16).default(4).describe('Group size along the input-channel (reduction) axis: 4 for NVIDIA 2:4, 8 for 4:8.'),
    opTypes: z
      .array(z.enum(['Conv', 'MatMul', 'Gemm']))
      .min(1)
      .default(['Conv', 'MatMul', 'Gemm'])
      .describe('Operators whose constant weight is pruned.'),
    include: z.array(z.string()).max(10000).default([]).describe('Node names to prune (empty: every node of the selected op types).'),
    exclude: z.array(z.string()).max(10000).default([]).describe('Node names whose weights stay dense.'),
  })
  .refine((params) => params.n < params.m, { message: 'n must be smaller than m', path: ['n'] });

export type PruneNmParams = z.output<typeof pruneNmParams>;
