/**
 * How far a plugin's output model strays from the original on the same inputs: per output, the
 * cosine similarity, the largest and mean absolute error and the SQNR; overall, the worst of each.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { OnnxOutput } from './onnx-runs';

export interface OutputComparison {
  readonly cosine: number;
  readonly maxAbsError: number;
  readonly meanAbsError: number;
  /** 10 log10(sum ref^2 / sum (ref - out)^2); Infinity for identical outputs. */
  readonly sqnrDb: number;
}

export interface Comparison extends OutputComparison {
  readonly outputs: Readonly<Record<string, OutputComparison>>;
}

function numbers(output: OnnxOutput, name: string): ArrayLike<number> {
  if (Array.isArray(output.data)) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `compareOutputs: output '${name}' holds strings`);
  if (output.data instanceof BigInt64Array) return Float64Array.from(output.data, Number);
  return output.data as ArrayLike<number>;
}

function compareOne(name: string, reference: OnnxOutput, candidate: OnnxOutput): OutputComparison {
  if (reference.dims.length !== candidate.dims.length || reference.dims.some((dim, i) => dim !== candidate.dims[i])) {
    throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `compareOutputs: output '${name}' has dims [${candidate.dims.join(', ')}] but the reference has [${reference.dims.join(', ')}]`);
  }
  const a = numbers(reference, name);
  const b = numbers(candidate, name);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  let noise = 0;
  let maxAbsError = 0;
  let sumAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = a[i] - b[i];
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
    noise += difference * difference;
    const error = Math.abs(difference);
    if (!(error <= maxAbsError)) maxAbsError = error;
    sumAbs += error;
  }
  const cosine = normA === 0 && normB === 0 ? 1 : normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
  return { cosine, maxAbsError, meanAbsError: a.length === 0 ? 0 : sumAbs / a.length, sqnrDb: noise === 0 ? Infinity : 10 * Math.log10(normA / noise) };
}

/** Compares every output of `reference` with the same output of `candidate`. */
export function compareOutputs(reference: Readonly<Record<string, OnnxOutput>>, candidate: Readonly<Record<string, OnnxOutput>>): Comparison {
  const outputs: Record<string, OutputComparison> = {};
  for (const [name, output] of Object.entries(reference)) {
    const other = candidate[name];
    if (other === undefined) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `compareOutputs: the candidate has no output '${name}' (it has ${Object.keys(candidate).join(', ') || 'none'})`);
    outputs[name] = compareOne(name, output, other);
  }
  const all = Object.values(outputs);
  if (all.length === 0) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, 'compareOutputs: the reference has no outputs');
  return {
    cosine: Math.min(...all.map((o) => o.cosine)),
    maxAbsError: Math.max(...all.map((o) => o.maxAbsError)),
    meanAbsError: Math.max(...all.map((o) => o.meanAbsError)),
    sqnrDb: Math.min(...all.map((o) => o.sqnrDb)),
    outputs,
  };
}
