import { definePlugin, z, type StageContext } from '@edgepress/plugin-sdk';
import { GraphIndex } from '@edgepress/plugin-sdk/toolkit';
import { foldConstants } from './fold-constants';

const params = z.object({
  maxElements: z.number().int().min(1).max(1 << 26).default(1 << 24).describe('Largest tensor (elements) folding reads, computes or stores'),
  growthAllowance: z.number().int().min(0).default(4096).describe('Fold a node whose result is larger than its inputs only up to this many elements'),
  constantsToInitializers: z.boolean().default(true).describe('Also store the values of Constant nodes as initializers (one node fewer each)'),
});

/** Constant nodes whose value is read: moved to initializers (same name, same values, no copy into the sandbox). */
async function constantsToInitializers(ctx: StageContext): Promise<number> {
  const index = new GraphIndex(await ctx.model.graph());
  let moved = 0;
  for (const weight of index.view.weights) {
    if (weight.location !== 'constant' || index.isGraphOutput(weight.name)) continue;
    await ctx.model.setWeight(weight.name, weight.tensor, { location: 'initializer' });
    moved++;
  }
  return moved;
}

export default definePlugin({
  name: 'fold-constants',
  version: '0.1.0',
  kind: 'transform',
  description:
    'Constant folding: evaluates weight-only subgraphs (Reshape/Transpose/Unsqueeze/Cast/Concat/Slice/Gather of weights, arithmetic on ' +
    'weights, Shape/Size of values with static shapes) exactly and replaces them by initializers; optionally stores Constant nodes as ' +
    'initializers. Anything it cannot compute exactly stays.',
  params,
  engines: '^1.0.0',
  async run(ctx, options) {
    const nodesBefore = (await ctx.model.graph()).nodes.length;
    const report = await foldConstants(ctx, { maxElements: options.maxElements, growthAllowance: options.growthAllowance });
    const moved = options.constantsToInitializers ? await constantsToInitializers(ctx) : 0;
    await ctx.model.check();
    const nodesAfter = (await ctx.model.graph()).nodes.length;
    return {
      summary: { nodesBefore, nodesAfter, nodesFolded: report.nodesFolded, weightsAdded: report.weightsAdded, constantsMoved: moved },
      notes: [...report.kept].map(([reason, times]) => `kept ${times}x: ${reason}`),
    };
  },
});
