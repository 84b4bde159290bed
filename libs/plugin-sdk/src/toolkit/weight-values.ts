import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { WeightView } from '../context/model-api';
import type { StageContext } from '../context/stage-context';
import type { DataTypeName } from '../tensor';

/** A float weight's values copied into the sandbox. */
export interface FloatWeight {
  readonly name: string;
  readonly dims: readonly number[];
  readonly values: Float32Array;
}

/** Weights a float rewrite can read and write back without changing precision. */
export function isFloatWeight(weight: WeightView | undefined): weight is WeightView {
  return weight !== undefined && weight.dataType === 'float';
}

/** Copies a float32 weight into the sandbox; BAD_USER_INPUT for any other element type. */
export async function readFloatWeight(ctx: StageContext, weight: WeightView): Promise<FloatWeight> {
  if (weight.dataType !== 'float') {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a float weight for '${weight.name}' but it is ${weight.dataType}`);
  }
  const data = await ctx.tensors.read(weight.tensor);
  if (!(data.values instanceof Float32Array)) {
    throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `The host returned ${data.values.constructor.name} values for float weight '${weight.name}'`);
  }
  return { name: weight.name, dims: data.dims, values: data.values };
}

/**
 * Writes values as the weight `name` (replacing it where it lives, or adding an initializer), and
 * frees the host-side copy. Float64 input is rounded to float32 once, here.
 */
export async function writeWeight(
  ctx: StageContext,
  name: string,
  dims: readonly number[],
  values: Float32Array | Float64Array,
  dataType: DataTypeName = 'float',
): Promise<void> {
  const stored = dataType === 'float' && values instanceof Float64Array ? Float32Array.from(values) : values;
  const handle = await ctx.tensors.write({ dataType, dims, values: stored });
  await ctx.model.setWeight(name, handle);
  await ctx.tensors.release([handle]);
}
