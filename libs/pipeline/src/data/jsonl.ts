/**
 * A JSON-lines dataset: one sample per line, in either form
 *
 *   {"inputs": {"x": {"dims": [1, 4], "data": [...], "dataType"?: "float32"}}, "label"?: 3, "text"?: "..."}
 *   {"dims": [1, 4], "data": [...], "dataType"?: "float32", "label"?: 3, "text"?: "..."}
 *
 * The second form is one tensor for a single-input model. Blank lines are skipped. The file is
 * streamed, so memory holds one line at a time.
 *
 * Threat model: an untrusted file. Line length and elements per tensor are capped; every value is
 * type- and range-checked (json-tensor.ts); errors name the file and line. Tests: jsonl.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { promises as fs } from 'node:fs';
import { tensorFromJson } from './json-tensor';
import { readLines } from './line-reader';
import { UNNAMED_INPUT, type Dataset, type Sample, type SampleTensor } from './sample';

export interface JsonlOptions {
  /** Longest line accepted (default 256 MiB). */
  readonly maxLineBytes?: number;
  /** Most elements in one tensor (default 64 Mi). */
  readonly maxElements?: number;
}

export async function openJsonlDataset(file: string, options: JsonlOptions = {}): Promise<Dataset> {
  const maxLineBytes = options.maxLineBytes ?? 256 * 1024 * 1024;
  const maxElements = options.maxElements ?? 64 * 1024 * 1024;
  const stats = await fs.stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Data file '${file}' cannot be read (${error.code ?? 'error'})`, { cause: error });
  });
  if (!stats.isFile()) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Data path '${file}' is not a file`);
  return {
    description: `JSON lines ${file}`,
    size: undefined,
    async *samples(): AsyncIterable<Sample> {
      let count = 0;
      for await (const [line, text] of readLines(file, maxLineBytes)) {
        if (text.trim() === '') continue;
        count++;
        yield parseSampleLine(text, `line ${line} of '${file}'`, maxElements);
      }
      if (count === 0) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Data file '${file}' holds no samples`);
    },
  };
}

export function parseSampleLine(text: string, where: string, maxElements: number): Sample {
  const bad = (problem: string, cause?: unknown) => new EdgepressError(ErrorCode.BAD_USER_INPUT, `${where}: ${problem}`, { cause });
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw bad(`not valid JSON (${(error as Error).message})`, error);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw bad('expected a JSON object');
  const fields = record as Record<string, unknown>;
  const inputs: Record<string, SampleTensor> = {};
  if (fields.inputs !== undefined) {
    if (typeof fields.inputs !== 'object' || fields.inputs === null || Array.isArray(fields.inputs)) throw bad('"inputs" must map input names to tensors');
    const entries = Object.entries(fields.inputs);
    if (entries.length === 0) throw bad('"inputs" is empty');
    for (const [name, value] of entries) {
      if (name === UNNAMED_INPUT) throw bad('an input name is empty');
      inputs[name] = tensorFromJson(value, `${where}, input '${name}'`, maxElements);
    }
  } else {
    inputs[UNNAMED_INPUT] = tensorFromJson(fields, where, maxElements);
  }
  const sample: { id: string; inputs: Record<string, SampleTensor>; label?: number; text?: string } = { id: where, inputs };
  if (fields.label !== undefined) {
    if (typeof fields.label !== 'number' || !Number.isSafeInteger(fields.label) || fields.label < 0) throw bad(`"label" must be a non-negative integer class index`);
    sample.label = fields.label;
  }
  if (fields.text !== undefined) {
    if (typeof fields.text !== 'string') throw bad('"text" must be a string');
    sample.text = fields.text;
  }
  return sample;
}
