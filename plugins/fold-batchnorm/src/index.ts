import { definePlugin, z } from '@edgepress/plugin-sdk';
import { foldBatchNorm } from '@edgepress/plugin-sdk/toolkit';

const params = z.object({
  foldElementwise: z.boolean().default(true).describe('Also fold Mul/Add/Sub/Div by uniform or per-channel constants that follow a layer'),
  include: z.array(z.string()).default([]).describe('Only fold into these layers (node names; all when empty)'),
  exclude: z.array(z.string()).default([]).describe('Never fold into these layers (node names)'),
});

export default definePlugin({
  name: 'fold-batchnorm',
  version: '0.1.0',
  kind: 'transform',
  description:
    'Folds BatchNormalization (inference form) and per-channel Mul/Add/Sub/Div by constants into the preceding Conv, ConvTranspose, ' +
    'Gemm or MatMul-by-constant, and computes BatchNormalization applied to weights. Same function up to float rounding ' +
    '(folded products are formed in float64 and rounded once); fewer nodes, and the layout quantizers expect.',
  params,
  engines: '^1.0.0',
  async run(ctx, options) {
    const nodesBefore = (await ctx.model.graph()).nodes.length;
    const report = await foldBatchNorm(ctx, {
      foldElementwise: options.foldElementwise,
      include: options.include.length > 0 ? options.include : undefined,
      exclude: options.exclude,
    });
    await ctx.model.check();
    const after = await ctx.model.graph();
    return {
      summary: {
        nodesBefore,
        nodesAfter: after.nodes.length,
        layers: report.layers,
        batchNorms: report.batchNorms,
        elementwise: report.elementwise,
        constantBatchNorms: report.constantBatchNorms,
        batchNormsLeft: after.nodes.filter((node) => node.opType === 'BatchNormalization').length,
      },
      notes: [...report.notes],
    };
  },
});
