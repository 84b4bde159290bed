import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { OutputTensor } from './ort-session';
import { argMax, forEachPosition, isFiniteNumber, numericValues, resolveAxis } from './tensor-values';

/**
 * How closely a compressed model's outputs follow the baseline's on the same inputs.
 *
 * - cosine: cosine similarity of reference and output, per sample (per batch row when the output's
 *   first dimension is the batch, else per run), averaged. Two zero vectors count 1, one zero 0.
 * - sqnrDb: 10 log10(sum ref^2 / sum (ref - out)^2) over every value. Identical outputs give
 *   +Infinity (kept as a number here; report.json writes it as the string "Infinity"); a
 *   difference against an all-zero reference gives -Infinity.
 * - top1Agreement: the share of positions where both pick the same class: arg-max along the class
 *   axis, per position of the other axes. The default class axis is the last one, so a classifier
 *   [N, C] has one position per sample and a sequence output [N, T, C] (CTC, tokens) one per step;
 *   for rank-4 outputs it is axis 1, the channels of an NCHW map (segmentation, detection), with one
 *   position per pixel. When the class axis has size 1 (a probability map such as a text detector's
 *   [N, 1, H, W]) the binary decision value > binaryThreshold is compared per element instead
 *   ('threshold' mode).
 * - maxAbsError / meanAbsError: over every value.
 * A non-finite value on either side that the other side does not repeat exactly makes that
 * sample's cosine 0, the errors Infinity and SQNR -Infinity, and is counted in nonFiniteValues.
 */
export interface FidelityFigures {
  readonly cosine: number;
  readonly sqnrDb: number;
  readonly top1Agreement: number;
  readonly maxAbsError: number;
  readonly meanAbsError: number;
  /** Values compared. */
  readonly values: number;
  /** Positions compared for top1Agreement. */
  readonly positions: number;
  readonly nonFiniteValues: number;
}

export interface OutputFidelity extends FidelityFigures {
  readonly top1Mode: 'argmax' | 'threshold';
  /** The class axis used (resolved, non-negative). */
  readonly classAxis: number;
}

export interface FidelityResult extends FidelityFigures {
  /** Samples compared. */
  readonly samples: number;
  readonly outputs: Readonly<Record<string, OutputFidelity>>;
}

export interface FidelityOptions {
  /** Class axis for top-1 agreement, for every output or per output name (default: 1 for rank-4 outputs, else the last). */
  readonly classAxis?: number | Readonly<Record<string, number>>;
  /** Threshold of the binary decision for outputs whose class axis has size 1 (default 0.5). */
  readonly binaryThreshold?: number;
}

class OutputSums {
  cosineSum = 0;
  cosineCount = 0;
  signal = 0;
  noise = 0;
  absSum = 0;
  maxAbs = 0;
  values = 0;
  positions = 0;
  agreements = 0;
  nonFinite = 0;
  mode: 'argmax' | 'threshold' = 'argmax';
  axis = 0;
}

/** Accumulates fidelity run by run, so that evaluation memory does not grow with the data. */
export class FidelityAccumulator {
  private readonly sums = new Map<string, OutputSums>();
  private samples = 0;

  constructor(private readonly options: FidelityOptions = {}) {
    const threshold = options.binaryThreshold ?? 0.5;
    if (!Number.isFinite(threshold)) throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Expected a finite binaryThreshold but received ${threshold}`);
  }

  /** One run: the reference's and the candidate's outputs for the same `sampleCount` samples. */
  add(reference: Readonly<Record<string, OutputTensor>>, candidate: Readonly<Record<string, OutputTensor>>, sampleCount: number): void {
    for (const [name, refTensor] of Object.entries(reference)) {
      const outTensor = candidate[name];
      if (outTensor === undefined) throw mismatch(`the compressed model has no output '${name}'`);
      if (refTensor.dims.length !== outTensor.dims.length || refTensor.dims.some((dim, i) => dim !== outTensor.dims[i])) {
        throw mismatch(`output '${name}' has shape [${outTensor.dims.join(', ')}] but the baseline's is [${refTensor.dims.join(', ')}]`);
      }
      let sums = this.sums.get(name);
      if (sums === undefined) {
        sums = new OutputSums();
        this.sums.set(name, sums);
      }
      this.addOutput(sums, name, refTensor.dims, numericValues(refTensor, name), numericValues(outTensor, name), sampleCount);
    }
    this.samples += sampleCount;
  }

  private addOutput(sums: OutputSums, name: string, dims: readonly number[], ref: ArrayLike<number>, out: ArrayLike<number>, sampleCount: number): void {
    const rows = dims.length > 0 && dims[0] === sampleCount && sampleCount > 0 ? sampleCount : 1;
    const rowLength = ref.length / rows;
    for (let row = 0; row < rows; row++) {
      let dot = 0;
      let refNorm = 0;
      let outNorm = 0;
      let broken = false;
      for (let i = row * rowLength; i < (row + 1) * rowLength; i++) {
        const r = ref[i];
        const o = out[i];
        if (!isFiniteNumber(o) || !isFiniteNumber(r)) {
          // The same infinity (or NaN) on both sides is agreement; anything else breaks the sample.
          if (Object.is(r, o)) continue;
          broken = true;
          sums.nonFinite++;
          sums.noise = Infinity;
          sums.maxAbs = Infinity;
          sums.absSum = Infinity;
          continue;
        }
        const diff = r > o ? r - o : o - r;
        dot += r * o;
        refNorm += r * r;
        outNorm += o * o;
        sums.noise += diff * diff;
        sums.absSum += diff;
        if (diff > sums.maxAbs) sums.maxAbs = diff;
      }
      sums.signal += refNorm;
      sums.cosineSum += broken ? 0 : cosineOf(dot, refNorm, outNorm);
      sums.cosineCount++;
    }
    sums.values += ref.length;
    this.addAgreement(sums, name, dims, ref, out);
  }

  private addAgreement(sums: OutputSums, name: string, dims: readonly number[], ref: ArrayLike<number>, out: ArrayLike<number>): void {
    const configured = this.options.classAxis;
    const requested = typeof configured === 'number' ? configured : (configured?.[name] ?? (dims.length === 4 ? 1 : -1));
    const axis = dims.length === 0 ? 0 : resolveAxis(requested, dims.length, `the class axis of output '${name}'`);
    sums.axis = axis;
    const extent = dims.length === 0 ? 1 : dims[axis];
    if (extent <= 1) {
      sums.mode = 'threshold';
      const threshold = this.options.binaryThreshold ?? 0.5;
      for (let i = 0; i < ref.length; i++) if (ref[i] > threshold === out[i] > threshold) sums.agreements++;
      sums.positions += ref.length;
      return;
    }
    forEachPosition(dims, axis, (offset, stride, size) => {
      const a = argMax(ref, offset, stride, size);
      if (a >= 0 && a === argMax(out, offset, stride, size)) sums.agreements++;
      sums.positions++;
    });
  }

  result(): FidelityResult {
    if (this.sums.size === 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'No outputs were compared: the evaluation data is empty');
    const outputs: Record<string, OutputFidelity> = {};
    const total = new OutputSums();
    for (const [name, sums] of this.sums) {
      outputs[name] = { ...figuresOf(sums), top1Mode: sums.mode, classAxis: sums.axis };
      total.cosineSum += sums.cosineSum;
      total.cosineCount += sums.cosineCount;
      total.signal += sums.signal;
      total.noise += sums.noise;
      total.absSum += sums.absSum;
      total.maxAbs = Math.max(total.maxAbs, sums.maxAbs);
      total.values += sums.values;
      total.positions += sums.positions;
      total.agreements += sums.agreements;
      total.nonFinite += sums.nonFinite;
    }
    return { ...figuresOf(total), samples: this.samples, outputs };
  }
}

function cosineOf(dot: number, refNorm: number, outNorm: number): number {
  if (refNorm === 0 && outNorm === 0) return 1;
  if (refNorm === 0 || outNorm === 0) return 0;
  return Math.max(-1, Math.min(1, dot / Math.sqrt(refNorm * outNorm)));
}

/** 10 log10(signal / noise), with the limits spelled out rather than left to division. */
export function sqnrDb(signal: number, noise: number): number {
  if (noise === 0) return Infinity;
  if (signal === 0 || noise === Infinity) return -Infinity;
  return 10 * Math.log10(signal / noise);
}

function figuresOf(sums: OutputSums): FidelityFigures {
  return {
    cosine: sums.cosineCount === 0 ? 1 : sums.cosineSum / sums.cosineCount,
    sqnrDb: sqnrDb(sums.signal, sums.noise),
    top1Agreement: sums.positions === 0 ? 1 : sums.agreements / sums.positions,
    maxAbsError: sums.maxAbs,
    meanAbsError: sums.values === 0 ? 0 : sums.absSum / sums.values,
    values: sums.values,
    positions: sums.positions,
    nonFiniteValues: sums.nonFinite,
  };
}

function mismatch(problem: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_MODEL, `The compressed model's outputs do not match the baseline's: ${problem}`);
}
