import { EdgepressError } from '@edgepress/errors';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporaryFolder } from '../../test/python';
import { openJsonlDataset } from './jsonl';
import { UNNAMED_INPUT, type Sample } from './sample';

async function collect(file: string, options = {}): Promise<Sample[]> {
  const samples: Sample[] = [];
  for await (const sample of (await openJsonlDataset(file, options)).samples()) samples.push(sample);
  return samples;
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EdgepressError);
    return `${(error as EdgepressError).code}: ${(error as Error).message}`;
  }
  throw new Error('expected an error');
}

describe('openJsonlDataset', () => {
  const { folder, remove } = temporaryFolder('jsonl');
  afterAll(remove);
  let counter = 0;
  const file = (text: string): string => {
    const name = path.join(folder, `data-${counter++}.jsonl`);
    writeFileSync(name, text);
    return name;
  };

  it('reads both line forms, labels and texts, and skips blank lines', async () => {
    const samples = await collect(
      file(
        [
          '{"inputs": {"x": {"dims": [1, 2], "data": [0.5, -1]}, "ids": {"dims": [2], "data": [3, 9007199254740991], "dataType": "int64"}}, "label": 4}',
          '',
          '{"dims": [2], "data": [true, 0], "dataType": "bool", "text": "hi"}',
          '{"dims": [1], "data": [1.5], "dataType": "float16"}',
        ].join('\n'),
      ),
    );
    expect(samples).toHaveLength(3);
    expect(samples[0].label).toBe(4);
    expect(Array.from(samples[0].inputs.x.data as Float32Array)).toEqual([0.5, -1]);
    expect(Array.from(samples[0].inputs.ids.data as BigInt64Array)).toEqual([3n, 9007199254740991n]);
    expect(samples[1].inputs[UNNAMED_INPUT]).toEqual({ dataType: 'bool', dims: [2], data: Uint8Array.of(1, 0) });
    expect(samples[1].text).toBe('hi');
    expect(Array.from(samples[2].inputs[UNNAMED_INPUT].data as Uint16Array)).toEqual([0x3e00]);
    expect(samples[0].id).toMatch(/^line 1 of/);
    expect(samples[2].id).toMatch(/^line 4 of/);
  });

  it.each([
    ['{"dims": [2], "data": [1]}', /line 1 of .*needs 2 values but "data" has 1/],
    ['{"dims": [2], "data": [1, "2"]}', /data\[1\] is "2"; expected a finite number/],
    ['{"dims": [1], "data": [300], "dataType": "uint8"}', /uint8 data must be integers in \[0, 255\]/],
    ['{"dims": [1], "data": [1], "dataType": "complex64"}', /dataType "complex64" is not one of/],
    ['{"dims": [-1], "data": []}', /"dims" must be an array of non-negative integers/],
    ['{"dims": [100000, 100000], "data": []}', /more than the \d+ elements allowed/],
    ['{"inputs": {"x": {"dims": [1], "data": [1]}}, "label": 1.5}', /"label" must be a non-negative integer/],
    ['[1, 2]', /expected a JSON object/],
    ['{"dims": [1], "data": [1]}\nnot json', /line 2 of .*not valid JSON/],
  ])('refuses %s with the line named', async (text, message) => {
    expect(await messageOf(collect(file(text)))).toMatch(message);
  });

  it('caps the length of one line instead of buffering it', async () => {
    const long = file(`{"dims": [1], "data": [${'1'.repeat(5000)}]}\n`);
    expect(await messageOf(collect(long, { maxLineBytes: 1024 }))).toMatch(/BAD_USER_INPUT: Line 1 of .* longer than 1024 bytes/);
  });

  it('refuses a file without samples and a missing file', async () => {
    expect(await messageOf(collect(file('\n\n')))).toMatch(/holds no samples/);
    expect(await messageOf(openJsonlDataset(path.join(folder, 'missing.jsonl')))).toMatch(/^FILE_NOT_FOUND/);
  });
});
