import type { NodeView } from '../context/model-api';
import type { StageContext } from '../context/stage-context';
import { GraphIndex } from './graph-index';
import { floatAttribute, isOnnxOp } from './node-attributes';
import { removeOrphanWeights } from './orphan-weights';
import { elementCount } from './tensor-slice';
import { isFloatWeight, readFloatWeight } from './weight-values';

/** Float32 1/6: HardSigmoid's alpha, and the constant of a hard swish written as a Mul. */
const ONE_SIXTH = Math.fround(1 / 6);

/** A hard swish written as x * Clip(x + 3, 0, 6) / 6 (or x * (Clip(x + 3, 0, 6) / 6)). */
export interface HardSwishChain {
  /** x, which the chain reads twice. */
  readonly input: string;
  /** y, the value the chain computes (it keeps its name). */
  readonly output: string;
  /** Add, Clip, and the Mul by x and the division by 6 in graph order. */
  readonly nodes: readonly NodeView[];
  /** The Clip and the Mul by x: their names go to the HardSigmoid and the Mul that replace the chain. */
  readonly clip: NodeView;
  readonly product: NodeView;
}

export interface FuseHardSwishReport {
  /** Chains rewritten as HardSigmoid + Mul (two nodes fewer each). */
  readonly fused: number;
  /** Scalar weights (initializers or Constant nodes) that nothing read any more, removed. */
  readonly weightsRemoved: number;
}

/**
 * The value of every one-element float weight that an Add, Clip, Mul or Div reads: the candidate
 * operands of a hard swish, read once so that the matching itself needs no host call.
 */
export async function scalarOperands(ctx: StageContext, index: GraphIndex): Promise<Map<string, number>> {
  const names = new Set(index.view.nodes.filter((node) => isOnnxOp(node, 'Add', 'Clip', 'Mul', 'Div')).flatMap((node) => node.inputs));
  const scalars = new Map<string, number>();
  for (const name of names) {
    const weight = index.weight(name);
    if (!isFloatWeight(weight) || elementCount(weight.dims) !== 1) continue;
    scalars.set(name, (await readFloatWeight(ctx, weight)).values[0]);
  }
  return scalars;
}

/**
 * Whether `name` is a weight holding exactly `value` whose broadcast against x keeps x's shape:
 * a scalar, or one element of a rank no larger than x's known rank.
 */
function isConstant(index: GraphIndex, scalars: ReadonlyMap<string, number>, name: string, value: number, input: string): boolean {
  if (scalars.get(name) !== value) return false;
  const rank = (index.weight(name)?.dims ?? []).length;
  return rank === 0 || rank <= (index.shape(input)?.length ?? 0);
}

/** Clip's bounds: attributes before opset 11, constant inputs from 11 (absent bounds are infinite). */
function clipsToZeroSix(index: GraphIndex, scalars: ReadonlyMap<string, number>, clip: NodeView, input: string): boolean {
  if ((index.view.opsets[''] ?? 0) < 11) {
    return clip.inputs.length === 1 && floatAttribute(clip, 'min', -Infinity) === 0 && floatAttribute(clip, 'max', Infinity) === 6;
  }
  const [min, max] = [clip.inputs[1] ?? '', clip.inputs[2] ?? ''];
  return isConstant(index, scalars, min, 0, input) && isConstant(index, scalars, max, 6, input);
}

/** The other input of a two-input commutative node, when one of its inputs is `value`. */
function otherOperand(node: NodeView, value: string): string | undefined {
  if (node.inputs.length !== 2) return undefined;
  if (node.inputs[0] === value) return node.inputs[1];
  if (node.inputs[1] === value) return node.inputs[0];
  return undefined;
}

/** Division by 6 of `value`: Div(value, 6) or Mul(value, 1/6) in either order. */
function dividesBySix(index: GraphIndex, scalars: ReadonlyMap<string, number>, node: NodeView, value: string, input: string): boolean {
  if (isOnnxOp(node, 'Div')) return node.inputs.length === 2 && node.inputs[0] === value && isConstant(index, scalars, node.inputs[1], 6, input);
  if (!isOnnxOp(node, 'Mul')) return false;
  const other = otherOperand(node, value);
  return other !== undefined && isConstant(index, scalars, other, ONE_SIXTH, input);
}

function matchAt(index: GraphIndex, scalars: ReadonlyMap<string, number>, add: NodeView): HardSwishChain | undefined {
  if (!isOnnxOp(add, 'Add') || add.inputs.length !== 2) return undefined;
  const input = add.inputs.find((name, position) => !index.isWeight(name) && isConstant(index, scalars, add.inputs[1 - position], 3, name));
  if (input === undefined) return undefined;
  const clipUse = index.soleConsumer(add.outputs[0]);
  if (clipUse === undefined || clipUse.index !== 0 || !isOnnxOp(clipUse.node, 'Clip') || !clipsToZeroSix(index, scalars, clipUse.node, input)) return undefined;
  const clip = clipUse.node;
  const third = index.soleConsumer(clip.outputs[0])?.node;
  if (third === undefined) return undefined;
  const fourth = index.soleConsumer(third.outputs[0])?.node;
  if (fourth === undefined || third.outputs.length !== 1 || fourth.outputs.length !== 1) return undefined;
  const chain = (product: NodeView): HardSwishChain => ({ input, output: fourth.outputs[0], nodes: [add, clip, third, fourth], clip, product });
  // (x * clip) / 6
  if (isOnnxOp(third, 'Mul') && otherOperand(third, clip.outputs[0]) === input && dividesBySix(index, scalars, fourth, third.outputs[0], input)) return chain(third);
  // x * (clip / 6)
  if (dividesBySix(index, scalars, third, clip.outputs[0], input) && isOnnxOp(fourth, 'Mul') && otherOperand(fourth, third.outputs[0]) === input) return chain(fourth);
  return undefined;
}

/**
 * Every hard swish of the graph written with float arithmetic, exactly: Add of 3, Clip to
 * [0, 6], Mul by the same x and division by 6 (Div by 6 or Mul by float32 1/6, before or after
 * the Mul by x), every intermediate read by the next node only and not a graph output. Anything
 * else (other constants or bounds, a shared intermediate, unnamed nodes) is not a match.
 * `scalars` holds the one-element float weights (scalarOperands).
 */
export function findHardSwishChains(index: GraphIndex, scalars: ReadonlyMap<string, number>): HardSwishChain[] {
  const found: HardSwishChain[] = [];
  const taken = new Set<NodeView>();
  for (const node of index.view.nodes) {
    const chain = matchAt(index, scalars, node);
    if (chain === undefined || chain.nodes.some((member) => taken.has(member) || member.name === '')) continue;
    for (const member of chain.nodes) taken.add(member);
    found.push(chain);
  }
  return found;
}

/**
 * Rewrites every hard swish written as Add/Clip/Mul/Div (findHardSwishChains) as
 * y = Mul(x, HardSigmoid(x, alpha=1/6, beta=0.5)), which is the same function (HardSigmoid exists
 * since opset 6, so no opset changes), and removes the scalar constants nothing reads any more.
 * Exporters from frameworks without a hard-swish operator (paddle2onnx before opset 14, for
 * instance) write the four-node form: two nodes and up to four constants fewer per activation,
 * less float work at run time, and bytes that matter once a small model's weights are int8.
 */
export async function fuseHardSwish(ctx: StageContext): Promise<FuseHardSwishReport> {
  const index = new GraphIndex(await ctx.model.graph());
  const chains = findHardSwishChains(index, await scalarOperands(ctx, index));
  for (const chain of chains) {
    ctx.signal.throwIfAborted();
    const gate = await ctx.model.uniqueName(`${chain.clip.outputs[0]}_hard_sigmoid`);
    await ctx.model.removeNodes(chain.nodes.map((node) => node.name));
    await ctx.model.addNode({ opType: 'HardSigmoid', name: chain.clip.name, inputs: [chain.input], outputs: [gate], attributes: { alpha: { type: 'float', value: ONE_SIXTH }, beta: { type: 'float', value: 0.5 } } });
    await ctx.model.addNode({ opType: 'Mul', name: chain.product.name, inputs: [chain.input, gate], outputs: [chain.output] });
  }
  return { fused: chains.length, weightsRemoved: chains.length > 0 ? await removeOrphanWeights(ctx, index) : 0 };
}
