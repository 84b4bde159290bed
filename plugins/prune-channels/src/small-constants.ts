import type { StageContext } from '@edgepress/plugin-sdk';
import { isOnnxOp, type GraphIndex } from '@edgepress/plugin-sdk/toolkit';

/** Small weights the analysis needs by value: Resize/Upsample scales and Squeeze axes. */
export async function readSmallConstants(ctx: StageContext, index: GraphIndex): Promise<Map<string, number[]>> {
  const constants = new Map<string, number[]>();
  for (const node of index.view.nodes) {
    if (!isOnnxOp(node, 'Resize', 'Upsample', 'Squeeze')) continue;
    for (const input of node.inputs.slice(1)) {
      const weight = index.weight(input);
      if (weight === undefined || weight.dims.length > 1 || (weight.dims[0] ?? 1) > 16 || constants.has(input)) continue;
      const data = await ctx.tensors.read(weight.tensor);
      if (Array.isArray(data.values)) continue;
      constants.set(input, Array.from(data.values as ArrayLike<number | bigint>, Number));
    }
  }
  return constants;
}
