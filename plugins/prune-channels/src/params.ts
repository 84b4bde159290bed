import { z } from '@edgepress/plugin-sdk';

/** The params of prune-channels (validated by definePlugin before the stage runs). */
export const params = z.object({
  ratio: z.number().min(0).max(0.95).default(0.25).describe('Fraction of output channels to remove (per group, or over all prunable channels with scope "global")'),
  scope: z.enum(['per-layer', 'global']).default('global').describe('Remove `ratio` of every group, or the globally least important `ratio` of all prunable channels'),
  layerRatios: z.record(z.string(), z.number().min(0).max(0.95)).default({}).describe('Per-layer ratios by producer node name (per-layer scope)'),
  criterion: z
    .enum(['auto', 'activation', 'l1', 'l2', 'bn-gamma'])
    .default('auto')
    .describe(
      'Channel importance: "activation" measures what removing a channel costs its readers on calibration data; "l1"/"l2" use weight norms of producers and readers; ' +
        '"bn-gamma" uses |gamma| of the BatchNormalization that follows; "auto" is "activation" when calibration data exists, else "l1"',
    ),
  biasCompensation: z.boolean().default(true).describe("Move each removed channel's mean contribution (from calibration data) into its readers' biases"),
  calibrationBatches: z.number().int().min(1).max(64).default(4).describe('Calibration batches used for activation statistics'),
  costWeight: z
    .number()
    .min(0)
    .max(2)
    .default(0)
    .describe('Global scope: rank channels by importance / (MACs per channel relative to the mean)^costWeight, so expensive high-resolution layers lose more (0 = importance only; on the PP-OCR detector 0.5 halves MACs at ratio 0.3 but cosine falls to 0.4)'),
  minChannels: z.number().int().min(1).default(8).describe('No layer keeps fewer channels than this'),
  roundTo: z.number().int().min(1).max(256).default(8).describe('Kept channel counts are multiples of this (8 suits AVX2/NEON kernels)'),
  include: z.array(z.string()).default([]).describe('Only prune layers with these node names (all when empty)'),
  exclude: z.array(z.string()).default([]).describe('Never prune layers with these node names'),
});

export type Params = z.output<typeof params>;
