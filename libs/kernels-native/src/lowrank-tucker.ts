/**
 * Tucker-2 factors of a Conv weight [Cout, Cin, kh, kw] for ranks (outRank, inRank), so that a
 * plugin can replace one Conv by three: a 1x1 Conv `first` [inRank, Cin, 1, 1], a kh x kw Conv
 * `core` [outRank, inRank, kh, kw] (same strides, pads and dilations as the original), and a 1x1
 * Conv `last` [Cout, outRank, 1, 1] (which takes the original bias). HOSVD initialisation, then
 * `hooiIterations` HOOI refinements. Native code: src/native/lowrank_tucker2.cc.
 *
 * Trust boundary (kernel calls): the weight's rank-4 shape and dtype, both ranks, the iteration
 * counts, the sketch settings and the thread count are checked here. Tests: lowrank-tucker.test.ts.
 */
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import { expectSketchSettings, MAX_LOW_RANK, type LowRankOptions } from './lowrank-svd';
import type { Tensor } from './tensor';
import { expectInteger, expectMaxElements, expectTensor, invalidArgument } from './validate';

/**
 * Each rank is bounded by its channel count and by what the other side can carry through the
 * core: outRank <= inRank * kh * kw and inRank <= outRank * kh * kw (more would only add
 * redundant channels; for a 1x1 Conv the two ranks are therefore equal).
 */
export interface TuckerRanks {
  /** Channels between the core and the last 1x1 Conv: 1 to min(Cout, Cin * kh * kw, inRank * kh * kw). */
  outRank: number;
  /** Channels between the first 1x1 Conv and the core: 1 to min(Cin, Cout * kh * kw, outRank * kh * kw). */
  inRank: number;
}

export interface TuckerOptions extends LowRankOptions {
  /** HOOI refinements after the HOSVD start (0 to 20; default 2). */
  hooiIterations?: number;
}

export interface Tucker2Factors {
  readonly first: Tensor<Float32Array>;
  readonly core: Tensor<Float32Array>;
  readonly last: Tensor<Float32Array>;
  /** ||W - reconstruction||_F^2 / ||W||_F^2. */
  readonly relativeError: number;
}

export async function tucker2Conv(weight: Tensor<Float32Array>, ranks: TuckerRanks, options: TuckerOptions = {}): Promise<Tucker2Factors> {
  const w = expectTensor('weight', weight, [Float32Array], expectMaxElements(options.maxElements));
  if (w.shape.length !== 4) {
    throw invalidArgument(`Expected a Conv weight [Cout, Cin, kh, kw] for weight but received shape [${w.shape.join(', ')}]`, 'weight.shape');
  }
  const [cout, cin, kh, kw] = w.shape as [number, number, number, number];
  const spatial = kh * kw;
  if (typeof ranks !== 'object' || ranks === null) throw invalidArgument('Expected { outRank, inRank } for ranks', 'ranks');
  const outRank = expectInteger('outRank', ranks.outRank, 1, Math.min(cout, cin * spatial, MAX_LOW_RANK));
  const inRank = expectInteger('inRank', ranks.inRank, 1, Math.min(cin, cout * spatial, outRank * spatial, MAX_LOW_RANK));
  if (outRank > inRank * spatial) {
    throw invalidArgument(`Expected outRank at most inRank * kh * kw = ${inRank * spatial} but received ${outRank}`, 'outRank');
  }
  const hooi = expectInteger('hooiIterations', options.hooiIterations ?? 2, 0, 20);
  const sketch = expectSketchSettings(options);
  const cancel = cancelFlagFor(options.signal);
  const result = await callNative('tucker2Conv', () =>
    native.tucker2(w.data, cout, cin, spatial, outRank, inRank, sketch.oversample, sketch.powerIterations, hooi, sketch.seed, sketch.threads, cancel),
  );
  return {
    first: { data: result.first, shape: [inRank, cin, 1, 1] },
    core: { data: result.core, shape: [outRank, inRank, kh, kw] },
    last: { data: result.last, shape: [cout, outRank, 1, 1] },
    relativeError: result.relativeError,
  };
}
