/** What testPlugin accepts for a model, a target and calibration data, resolved. */
import { promises as fs } from 'node:fs';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { toPluginTarget } from '@edgepress/plugin-host';
import type { PluginTarget } from '@edgepress/plugin-sdk';
import { loadCalibrationSet, OrtModelSession, randomDataset, type CalibrationSet, type Dataset } from '@edgepress/pipeline';
import { getTarget, type HardwareTarget } from '@edgepress/targets';

/** Calibration data: a dataset, or `{ random: n }` seeded random inputs shaped from the model (symbolic dims = 1 unless given). */
export type CalibrationInput = Dataset | { readonly random: number; readonly seed?: number; readonly dims?: Readonly<Record<string, number>> };

export async function modelBytes(model: Uint8Array | string): Promise<Uint8Array> {
  if (model instanceof Uint8Array || ArrayBuffer.isView(model)) return new Uint8Array((model as Uint8Array).buffer, (model as Uint8Array).byteOffset, (model as Uint8Array).byteLength);
  if (typeof model !== 'string') throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, 'Expected model bytes or the path of an .onnx file for model');
  try {
    return new Uint8Array(await fs.readFile(model));
  } catch (cause) {
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Cannot read the model file ${model}`, { cause });
  }
}

export function hardwareTarget(target: string | HardwareTarget): HardwareTarget {
  return typeof target === 'string' ? getTarget(target) : target;
}

export function pluginTarget(target: string | HardwareTarget): PluginTarget {
  return toPluginTarget(hardwareTarget(target));
}

export async function calibrationSet(bytes: Uint8Array, calibration: CalibrationInput | undefined): Promise<CalibrationSet | undefined> {
  if (calibration === undefined) return undefined;
  const session = await OrtModelSession.create(bytes);
  const inputs = session.inputs;
  await session.release();
  if ('samples' in calibration) return loadCalibrationSet(calibration, inputs);
  const inputShapes = Object.fromEntries(inputs.map((input) => [input.name, (input.shape ?? []).map((dim) => (typeof dim === 'number' ? dim : typeof dim === 'string' ? (calibration.dims?.[dim] ?? 1) : 1))]));
  return loadCalibrationSet(randomDataset(inputs, { count: calibration.random, seed: calibration.seed ?? 0, inputShapes }), inputs);
}
