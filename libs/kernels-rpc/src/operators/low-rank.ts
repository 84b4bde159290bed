/** Codecs of the low-rank operators: truncated SVD, low-rank factors, Tucker-2 Conv factors. */
import type { LowRankOptions, RankSelection, Tensor } from '@edgepress/kernels-native';
import type { LowRankFactorsResult, LowRankFactorsResult__Output } from '../gen/edgepress/kernels/v1/LowRankFactorsResult';
import type { LowRankOptions as LowRankOptionsMessage, LowRankOptions__Output } from '../gen/edgepress/kernels/v1/LowRankOptions';
import type { RankSelection as RankSelectionMessage, RankSelection__Output } from '../gen/edgepress/kernels/v1/RankSelection';
import type { Tucker2ConvArgs, Tucker2ConvArgs__Output } from '../gen/edgepress/kernels/v1/Tucker2ConvArgs';
import type { Tucker2ConvResult, Tucker2ConvResult__Output } from '../gen/edgepress/kernels/v1/Tucker2ConvResult';
import type { TruncatedSvdArgs, TruncatedSvdArgs__Output } from '../gen/edgepress/kernels/v1/TruncatedSvdArgs';
import type { TruncatedSvdResult, TruncatedSvdResult__Output } from '../gen/edgepress/kernels/v1/TruncatedSvdResult';
import { defineOperator, forValidation, integer, numberArg, objectArg, optionalInteger, present } from './operator-codec';

const UINT32_MAX = 2 ** 32 - 1;
type F32 = Tensor<Float32Array>;

function encodeSelection(selection: RankSelection): RankSelectionMessage {
  const s = objectArg('selection', selection);
  if ('rank' in s) return { rank: integer('selection.rank', s.rank, 0, UINT32_MAX) };
  return { energy: { energy: numberArg('selection.energy', s.energy), maxRank: optionalInteger('selection.maxRank', s.maxRank, 0, UINT32_MAX) } };
}

function decodeSelection(message: RankSelection__Output | null): RankSelection {
  if (message?.by === 'rank') return { rank: message.rank as number };
  if (message?.by === 'energy' && message.energy) {
    const { energy, maxRank } = message.energy;
    return maxRank === undefined ? { energy } : { energy, maxRank };
  }
  return forValidation<RankSelection>(undefined);
}

function encodeLowRank(options: LowRankOptions | undefined): LowRankOptionsMessage {
  return {
    oversample: optionalInteger('oversample', options?.oversample, 0, UINT32_MAX),
    powerIterations: optionalInteger('powerIterations', options?.powerIterations, 0, UINT32_MAX),
    seed: optionalInteger('seed', options?.seed, 0, Number.MAX_SAFE_INTEGER),
  };
}

function decodeLowRank(message: LowRankOptions__Output | null): LowRankOptions {
  return { oversample: message?.oversample, powerIterations: message?.powerIterations, seed: message?.seed };
}

export const truncatedSvdCodec = defineOperator<'truncatedSvd', TruncatedSvdArgs, TruncatedSvdArgs__Output, TruncatedSvdResult, TruncatedSvdResult__Output>({
  method: 'truncatedSvd',
  rpc: 'TruncatedSvd',
  optionsIndex: 2,
  encodeArgs: (w, [matrix, selection, options]) => ({ matrix: w.tensor('matrix', matrix), selection: encodeSelection(selection), lowRank: encodeLowRank(options) }),
  decodeArgs: (r, a, options) => [forValidation(r.tensor(a.matrix)), decodeSelection(a.selection), { ...options, ...decodeLowRank(a.lowRank) }],
  encodeResult: (w, svd) => ({ u: w.tensor('u', svd.u), s: w.array('s', svd.s), vt: w.tensor('vt', svd.vt), rank: svd.rank, retainedEnergy: svd.retainedEnergy }),
  decodeResult: (r, m) => ({
    u: present(r.tensor(m.u), 'u') as F32,
    s: present(r.array(m.s), 's') as Float64Array,
    vt: present(r.tensor(m.vt), 'vt') as F32,
    rank: m.rank,
    retainedEnergy: m.retainedEnergy,
  }),
});

export const lowRankFactorsCodec = defineOperator<'lowRankFactors', TruncatedSvdArgs, TruncatedSvdArgs__Output, LowRankFactorsResult, LowRankFactorsResult__Output>({
  method: 'lowRankFactors',
  rpc: 'LowRankFactors',
  optionsIndex: 2,
  encodeArgs: (w, [matrix, selection, options]) => ({ matrix: w.tensor('matrix', matrix), selection: encodeSelection(selection), lowRank: encodeLowRank(options) }),
  decodeArgs: (r, a, options) => [forValidation(r.tensor(a.matrix)), decodeSelection(a.selection), { ...options, ...decodeLowRank(a.lowRank) }],
  encodeResult: (w, f) => ({ a: w.tensor('a', f.a), b: w.tensor('b', f.b), rank: f.rank, retainedEnergy: f.retainedEnergy }),
  decodeResult: (r, m) => ({ a: present(r.tensor(m.a), 'a') as F32, b: present(r.tensor(m.b), 'b') as F32, rank: m.rank, retainedEnergy: m.retainedEnergy }),
});

export const tucker2ConvCodec = defineOperator<'tucker2Conv', Tucker2ConvArgs, Tucker2ConvArgs__Output, Tucker2ConvResult, Tucker2ConvResult__Output>({
  method: 'tucker2Conv',
  rpc: 'Tucker2Conv',
  optionsIndex: 2,
  encodeArgs: (w, [weight, ranks, options]) => {
    const r = objectArg('ranks', ranks);
    return {
      weight: w.tensor('weight', weight),
      outRank: integer('ranks.outRank', r.outRank, 0, UINT32_MAX),
      inRank: integer('ranks.inRank', r.inRank, 0, UINT32_MAX),
      lowRank: encodeLowRank(options),
      hooiIterations: optionalInteger('hooiIterations', options?.hooiIterations, 0, UINT32_MAX),
    };
  },
  decodeArgs: (r, a, options) => [
    forValidation(r.tensor(a.weight)),
    { outRank: a.outRank, inRank: a.inRank },
    { ...options, ...decodeLowRank(a.lowRank), hooiIterations: a.hooiIterations },
  ],
  encodeResult: (w, f) => ({ first: w.tensor('first', f.first), core: w.tensor('core', f.core), last: w.tensor('last', f.last), relativeError: f.relativeError }),
  decodeResult: (r, m) => ({
    first: present(r.tensor(m.first), 'first') as F32,
    core: present(r.tensor(m.core), 'core') as F32,
    last: present(r.tensor(m.last), 'last') as F32,
    relativeError: m.relativeError,
  }),
});
