/**
 * Real inputs for the PP-OCRv4 models: the shared OCR lines for the recognizer and (resized) the
 * classifier, and the OCR pages for the detector.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- the harness has no detector pages yet; openOcrPages is the pipeline's own loader of ../shared/data/ocr/pages.
import { openOcrPages } from '@edgepress/pipeline';
import { compareOutputs, findDataRoot, ocrLines, type OnnxOutput, type Sample } from '@edgepress/plugin-sdk/testing';
import * as ort from 'onnxruntime-node';
import path from 'node:path';

async function collect(samples: AsyncIterable<Sample>, limit: number): Promise<Sample[]> {
  const out: Sample[] = [];
  for await (const sample of samples) {
    if (out.length >= limit) break;
    out.push(sample);
  }
  return out;
}

/** The first `count` OCR lines, float32 [1, 3, 48, 320] (the recognizer's input). */
export async function recognizerLines(count: number): Promise<Sample[]> {
  return collect((await ocrLines(count)).samples(), count);
}

/**
 * Bilinear resize of the width of a [1, 3, H, W] tensor (half-pixel centres, edges clamped). The
 * PP-OCR direction classifier takes [1, 3, 48, 192] (its training size); the lines are 48 x 320
 * with the text at the left and grey padding on the right, so the whole line is squeezed to 192
 * columns rather than cropped (a crop would cut long lines).
 */
export function resizeWidth(data: Float32Array, height: number, width: number, newWidth: number): Float32Array {
  const out = new Float32Array(3 * height * newWidth);
  const scale = width / newWidth;
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < height; y++) {
      const row = (c * height + y) * width;
      for (let x = 0; x < newWidth; x++) {
        const source = Math.min(width - 1, Math.max(0, (x + 0.5) * scale - 0.5));
        const left = Math.floor(source);
        const right = Math.min(width - 1, left + 1);
        const weight = source - left;
        out[(c * height + y) * newWidth + x] = data[row + left] * (1 - weight) + data[row + right] * weight;
      }
    }
  }
  return out;
}

/** The first `count` OCR lines as classifier inputs, [1, 3, 48, 192]. */
export async function classifierLines(count: number): Promise<Sample[]> {
  return (await recognizerLines(count)).map((sample) => {
    const tensor = sample.inputs[''];
    const [, , height, width] = tensor.dims;
    return { ...sample, inputs: { '': { ...tensor, dims: [1, 3, height, 192], data: resizeWidth(tensor.data as Float32Array, height, width, 192) } } };
  });
}

/** The first `count` OCR pages as detector inputs, [1, 3, 640, 640]. */
export async function detectorPages(count: number): Promise<Sample[]> {
  const root = findDataRoot();
  if (root === undefined) throw new Error('../shared/data is not there');
  return collect((await openOcrPages(path.join(root, 'ocr', 'pages'))).samples(), count);
}

export interface Fidelity {
  /** Mean over the samples of the cosine similarity of all outputs. */
  readonly cosine: number;
  /** Fraction of positions (rows of the last axis) whose arg-max agrees. */
  readonly top1: number;
}

function argmaxAgreement(reference: ArrayLike<number>, candidate: ArrayLike<number>, classes: number): [number, number] {
  let agree = 0;
  let rows = 0;
  for (let start = 0; start + classes <= reference.length; start += classes, rows++) {
    let best = start;
    let bestCandidate = start;
    for (let i = start; i < start + classes; i++) {
      if (reference[i] > reference[best]) best = i;
      if (candidate[i] > candidate[bestCandidate]) bestCandidate = i;
    }
    if (best === bestCandidate) agree++;
  }
  return [agree, rows];
}

async function outputsOf(session: ort.InferenceSession, inputName: string, sample: Sample): Promise<Record<string, OnnxOutput>> {
  const tensor = sample.inputs[''] ?? sample.inputs[inputName];
  const outputs = await session.run({ [inputName]: new ort.Tensor('float32', tensor.data as Float32Array, tensor.dims) });
  return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { dataType: value.type, dims: [...value.dims], data: value.data as Float32Array }]));
}

/**
 * Fidelity of `candidate` against `reference` (model bytes) on real samples, one run per sample
 * (one session per model for all samples: session creation dominates on the detector).
 */
export async function fidelityOn(reference: Uint8Array, candidate: Uint8Array, samples: readonly Sample[], options: { level?: 'all' | 'disabled'; inputName?: string } = {}): Promise<Fidelity> {
  const inputName = options.inputName ?? 'x';
  const session = (bytes: Uint8Array, level: 'all' | 'disabled') => ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, graphOptimizationLevel: level });
  // The reference always runs fully optimized; the candidate at the level asked (both must load and agree).
  const [expectedSession, actualSession] = await Promise.all([session(reference, 'all'), session(candidate, options.level ?? 'all')]);
  let cosine = 0;
  let agree = 0;
  let rows = 0;
  try {
    for (const sample of samples) {
      const expected = await outputsOf(expectedSession, inputName, sample);
      const actual = await outputsOf(actualSession, inputName, sample);
      cosine += compareOutputs(expected, actual).cosine;
      for (const [name, output] of Object.entries(expected)) {
        const [a, r] = argmaxAgreement(output.data as Float32Array, actual[name].data as Float32Array, output.dims[output.dims.length - 1]);
        agree += a;
        rows += r;
      }
    }
  } finally {
    await Promise.all([expectedSession.release(), actualSession.release()]);
  }
  return { cosine: cosine / samples.length, top1: agree / rows };
}
