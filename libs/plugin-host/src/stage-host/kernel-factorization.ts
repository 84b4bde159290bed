/**
 * `ctx.kernels` low-rank methods on the host: truncated SVD factors of a 2-D weight, and Tucker-2
 * of a Conv weight. Tucker-2 at an energy target picks each rank as the smallest rank of the
 * corresponding unfolding (output channels: [Cout, Cin*kh*kw]; input channels: [Cin, Cout*kh*kw])
 * that keeps that share of its squared Frobenius norm, then bounds each rank by what the other can
 * carry through the core. `ranks` is [outRank, inRank], the order of the core's first two dims.
 * Tests: kernel-methods.test.ts.
 */
import { expectInteger, expectNumber, expectOptions, invalidArgument } from './arguments';
import { callOptions, floatInput, output, type KernelContext } from './kernel-inputs';

const MAX_RANK = 1024;

function exactlyOne(checked: Record<string, unknown>, a: string, b: string, method: string): void {
  if ((checked[a] === undefined) === (checked[b] === undefined)) throw invalidArgument(`${method}: give exactly one of options.${a} and options.${b}`);
}

export async function lowRank(context: KernelContext, input: unknown, options: unknown) {
  const x = floatInput(context, input, 'lowRank(input)');
  if (x.shape.length !== 2) throw invalidArgument(`Expected a 2-D weight for lowRank(input) but it has dims [${x.shape.join(', ')}]`);
  const checked = expectOptions(options, 'lowRank(options)', ['rank', 'energy', 'seed'], true);
  exactlyOne(checked, 'rank', 'energy', 'lowRank');
  const limit = Math.min(x.shape[0], x.shape[1], MAX_RANK);
  const selection =
    checked.rank !== undefined
      ? { rank: expectInteger(checked.rank, 'options.rank', 1, limit) }
      : { energy: expectNumber(checked.energy, 'options.energy', Number.MIN_VALUE, 1), maxRank: limit };
  const seed = checked.seed === undefined ? 0 : expectInteger(checked.seed, 'options.seed', 0, Number.MAX_SAFE_INTEGER);
  const factors = await context.kernels.lowRankFactors({ data: x.data, shape: x.shape }, selection, { seed, ...callOptions(context) });
  return {
    left: output(context, 'float', factors.a.shape, factors.a.data),
    right: output(context, 'float', factors.b.shape, factors.b.data),
    rank: factors.rank,
    energy: factors.retainedEnergy,
  };
}

/** Mode-1 unfolding of [Cout, Cin, S]: [Cin, Cout * S]. */
function inputChannelUnfolding(data: Float32Array, cout: number, cin: number, spatial: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let o = 0; o < cout; o++) {
    for (let i = 0; i < cin; i++) {
      const from = (o * cin + i) * spatial;
      out.set(data.subarray(from, from + spatial), i * cout * spatial + o * spatial);
    }
  }
  return out;
}

async function energyRank(context: KernelContext, data: Float32Array, rows: number, cols: number, energy: number): Promise<number> {
  const maxRank = Math.min(rows, cols, MAX_RANK);
  const svd = await context.kernels.truncatedSvd({ data, shape: [rows, cols] }, { energy, maxRank }, callOptions(context));
  return svd.rank;
}

export async function tucker2(context: KernelContext, weight: unknown, options: unknown) {
  const w = floatInput(context, weight, 'tucker2(weight)');
  if (w.shape.length !== 4) throw invalidArgument(`Expected a Conv weight [Cout, Cin, kh, kw] for tucker2(weight) but it has dims [${w.shape.join(', ')}]`);
  const [cout, cin, kh, kw] = w.shape;
  const spatial = kh * kw;
  const checked = expectOptions(options, 'tucker2(options)', ['ranks', 'energy'], true);
  exactlyOne(checked, 'ranks', 'energy', 'tucker2');
  let outRank: number;
  let inRank: number;
  if (checked.ranks !== undefined) {
    if (!Array.isArray(checked.ranks) || checked.ranks.length !== 2) throw invalidArgument('Expected options.ranks to be [outRank, inRank]');
    outRank = expectInteger(checked.ranks[0], 'options.ranks[0] (outRank)', 1, Math.min(cout, cin * spatial, MAX_RANK));
    inRank = expectInteger(checked.ranks[1], 'options.ranks[1] (inRank)', 1, Math.min(cin, cout * spatial, MAX_RANK));
  } else {
    const energy = expectNumber(checked.energy, 'options.energy', Number.MIN_VALUE, 1);
    outRank = await energyRank(context, w.data, cout, cin * spatial, energy);
    inRank = await energyRank(context, inputChannelUnfolding(w.data, cout, cin, spatial), cin, cout * spatial, energy);
    inRank = Math.min(inRank, outRank * spatial);
    outRank = Math.min(outRank, inRank * spatial);
  }
  const factors = await context.kernels.tucker2Conv({ data: w.data, shape: w.shape }, { outRank, inRank }, callOptions(context));
  return {
    first: output(context, 'float', factors.first.shape, factors.first.data),
    core: output(context, 'float', factors.core.shape, factors.core.data),
    last: output(context, 'float', factors.last.shape, factors.last.data),
    ranks: [outRank, inRank] as const,
    relativeError: factors.relativeError,
  };
}
