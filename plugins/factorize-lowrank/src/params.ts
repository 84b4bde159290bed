import { z } from '@edgepress/plugin-sdk';

export const factorizeLowRankParams = z.object({
  rank: z
    .number()
    .int()
    .min(1)
    .max(1024)
    .optional()
    .describe('Fixed rank for every layer (capped by its dimensions); when absent, the rank comes from `energy`.'),
  energy: z
    .number()
    .gt(0)
    .max(1)
    .default(0.99)
    .describe('Share of the squared Frobenius norm of each weight the factors keep (SVD), or of each unfolding (Tucker-2); used when `rank` is absent.'),
  opTypes: z
    .array(z.enum(['MatMul', 'Gemm', 'Conv']))
    .min(1)
    .default(['MatMul', 'Gemm', 'Conv'])
    .describe('MatMul/Gemm weights are split by truncated SVD into two MatMuls/Gemms; Conv weights into two 1x1 Convs (1x1 kernels, SVD) or 1x1 -> core -> 1x1 (Tucker-2).'),
  include: z.array(z.string()).max(10000).default([]).describe('Node names to factorize (empty: every node of the selected op types).'),
  exclude: z.array(z.string()).max(10000).default([]).describe('Node names left as they are.'),
});

export type FactorizeLowRankParams = z.output<typeof factorizeLowRankParams>;
