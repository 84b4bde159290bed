/**
 * What `--calibration`, `--calibration-random` and `--eval` name, as a pipeline data source:
 * `mnist` (the built-in digits), a `.jsonl` file, a folder of PNG pages (OCR detector inputs) or a
 * folder of tensors (.npy / TensorProto .pb files, or one subfolder per sample).
 */
import { statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { DataSource } from '@edgepress/pipeline';
import { usageError } from '../usage-error';

/** MNIST evaluation starts past the first 5,000 digits, so it does not reuse the calibration digits. */
export const MNIST_EVALUATION_OFFSET = 5000;
export const DEFAULT_MNIST_EVALUATION_SAMPLES = 1000;

export function positiveInteger(value: string, option: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) throw usageError(`Expected a positive integer for ${option} but received "${value}"`);
  return parsed;
}

export function dataSourceOption(value: string, option: string, role: 'calibration' | 'evaluation', limit: number | undefined): DataSource {
  if (value === 'mnist') {
    return role === 'calibration'
      ? { type: 'mnist', ...(limit === undefined ? {} : { limit }) }
      : { type: 'mnist', offset: MNIST_EVALUATION_OFFSET, limit: limit ?? DEFAULT_MNIST_EVALUATION_SAMPLES };
  }
  const file = path.resolve(value);
  let stat;
  try {
    stat = statSync(file);
  } catch (cause) {
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `${option}: no file or folder ${value} (or use "mnist")`, { cause });
  }
  const withLimit = limit === undefined ? {} : { limit };
  if (stat.isFile()) {
    if (!file.endsWith('.jsonl')) throw usageError(`${option}: expected a folder, a .jsonl file or "mnist" but received the file ${value}`);
    return { type: 'jsonl', path: file, ...withLimit };
  }
  const names = readdirSync(file);
  const pages = names.some((name) => name.endsWith('.png')) && !names.some((name) => name.endsWith('.npy') || name.endsWith('.pb'));
  return { type: pages ? 'ocr-pages' : 'tensor-folder', path: file, ...withLimit };
}
