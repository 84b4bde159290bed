import type { StageContext } from '../context/stage-context';
import { GraphIndex } from './graph-index';

/**
 * Removes the weights that some node read in `before` and nothing reads now: the constants of
 * nodes a rewrite removed (BatchNormalization parameters, scalar operands, replaced copies).
 * Weights that were already unread are left alone; they are not the rewrite's to remove.
 */
export async function removeOrphanWeights(ctx: StageContext, before: GraphIndex): Promise<number> {
  const after = new GraphIndex(await ctx.model.graph());
  const orphans = before.view.weights.filter((weight) => !before.isUnread(weight.name) && after.isWeight(weight.name) && after.isUnread(weight.name));
  if (orphans.length > 0) await ctx.model.removeWeights(orphans.map((weight) => weight.name));
  return orphans.length;
}
