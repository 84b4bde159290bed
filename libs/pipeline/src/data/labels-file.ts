/**
 * Labels for a folder of tensor files: `labels.json` (`{"a.npy": 3, "b.npy": "text"}`) or
 * `labels.jsonl` (one `{"tensor" | "file": "a.npy", "label"?: 3, "text"?: "..."}` per line; other
 * keys such as "image" are ignored, which is the form of ../shared/data/ocr/lines/labels.jsonl).
 * A number is a class index, a string a reference text.
 *
 * Threat model: an untrusted file. It is size-capped before reading; malformed JSON, labels that
 * are not non-negative integers, entries naming no file and duplicates are BAD_USER_INPUT naming
 * the file and line. Tests: tensor-folder.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface SampleLabel {
  readonly label?: number;
  readonly text?: string;
}

export const LABEL_FILE_NAMES = ['labels.jsonl', 'labels.json'] as const;
const MAX_LABELS_BYTES = 64 * 1024 * 1024;

function bad(file: string, problem: string, cause?: unknown): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `Labels file '${file}' ${problem}`, { cause, details: { file } });
}

/** Reads the folder's labels file if there is one; keys are the sample ids (file or subfolder names). */
export async function readLabelsFile(folder: string): Promise<Map<string, SampleLabel> | undefined> {
  for (const name of LABEL_FILE_NAMES) {
    const file = path.join(folder, name);
    const stats = await fs.stat(file).catch(() => undefined);
    if (stats === undefined) continue;
    if (!stats.isFile()) throw bad(file, 'is not a regular file');
    if (stats.size > MAX_LABELS_BYTES) throw bad(file, `is ${stats.size} bytes; at most ${MAX_LABELS_BYTES} are accepted`);
    const text = await fs.readFile(file, 'utf8');
    return name === 'labels.json' ? parseLabelsJson(text, file) : parseLabelsJsonl(text, file);
  }
  return undefined;
}

export function parseLabelsJson(text: string, file: string): Map<string, SampleLabel> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw bad(file, `is not valid JSON: ${(error as Error).message}`, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad(file, 'must be an object mapping file names to labels');
  const labels = new Map<string, SampleLabel>();
  for (const [key, value] of Object.entries(parsed)) labels.set(key, toLabel(value, `entry '${key}'`, file));
  return labels;
}

export function parseLabelsJsonl(text: string, file: string): Map<string, SampleLabel> {
  const labels = new Map<string, SampleLabel>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (error) {
      throw bad(file, `${where} is not valid JSON: ${(error as Error).message}`, error);
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw bad(file, `${where} is not a JSON object`);
    const record = entry as Record<string, unknown>;
    const key = record.tensor ?? record.file;
    if (typeof key !== 'string' || key === '') throw bad(file, `${where} has no "tensor" or "file" naming its sample`);
    if (labels.has(key)) throw bad(file, `${where} labels '${key}' a second time`);
    const label: { label?: number; text?: string } = {};
    if (record.label !== undefined) label.label = classIndex(record.label, where, file);
    if (record.text !== undefined) {
      if (typeof record.text !== 'string') throw bad(file, `${where} has a "text" that is not a string`);
      label.text = record.text;
    }
    if (label.label === undefined && label.text === undefined) throw bad(file, `${where} has neither "label" nor "text"`);
    labels.set(key, label);
  });
  return labels;
}

function toLabel(value: unknown, where: string, file: string): SampleLabel {
  if (typeof value === 'string') return { text: value };
  return { label: classIndex(value, where, file) };
}

function classIndex(value: unknown, where: string, file: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw bad(file, `${where} has label ${JSON.stringify(value)}; expected a non-negative integer class index or a text string`);
  }
  return value;
}
