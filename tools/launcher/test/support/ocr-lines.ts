/**
 * Real calibration data for the PP-OCR models: the rendered text lines of ../shared/data/ocr/lines
 * (float32 [1, 3, 48, 320] .npy files, already preprocessed), written as a JSON-lines dataset, the
 * format the platform accepts as one upload.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './app-process';

export function ocrLinesFolder(): string {
  const candidates = [process.env.EDGEPRESS_DATA_DIR && path.join(process.env.EDGEPRESS_DATA_DIR, 'ocr', 'lines'), path.join(REPO_ROOT, '..', 'shared', 'data', 'ocr', 'lines'), '/work/shared/data/ocr/lines'];
  const found = candidates.find((folder): folder is string => typeof folder === 'string' && existsSync(path.join(folder, 'labels.jsonl')));
  if (!found) throw new Error(`The OCR lines are missing (looked in ${candidates.filter(Boolean).join(', ')})`);
  return found;
}

/** A little-endian float32, C-order .npy file (format 1.0 to 3.0) as dims and values. */
function readFloat32Npy(file: string): { dims: number[]; data: Float32Array } {
  const bytes = readFileSync(file);
  if (bytes.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error(`${file} is not a .npy file`);
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLength;
  const header = bytes.toString('latin1', major === 1 ? 10 : 12, start);
  if (!header.includes("'descr': '<f4'") || header.includes("'fortran_order': True")) throw new Error(`${file} is not little-endian float32 in C order`);
  const dims = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').map((d) => d.trim()).filter(Boolean).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = bytes.readFloatLE(start + 4 * i);
  return { dims, data };
}

/** `count` lines from `offset` as JSON lines `{"dims": [...], "data": [...]}` (one sample each). */
export function ocrLinesJsonl(count: number, offset = 0): string {
  const folder = ocrLinesFolder();
  const labels = readFileSync(path.join(folder, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean).slice(offset, offset + count);
  return labels
    .map((line) => {
      const { tensor } = JSON.parse(line) as { tensor: string };
      const { dims, data } = readFloat32Npy(path.join(folder, tensor));
      return `${JSON.stringify({ dims, data: Array.from(data) })}\n`;
    })
    .join('');
}
