import { EdgepressError } from '@edgepress/errors';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runPython, temporaryFolder } from '../../test/python';
import { requireDataRoot } from './data-root';
import { UNNAMED_INPUT, type Dataset, type Sample } from './sample';
import { openTensorFolder } from './tensor-folder';

async function collect(dataset: Dataset): Promise<Sample[]> {
  const samples: Sample[] = [];
  for await (const sample of dataset.samples()) samples.push(sample);
  return samples;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EdgepressError);
    return `${(error as EdgepressError).code}: ${(error as Error).message}`;
  }
  throw new Error('expected an error');
}

describe('openTensorFolder on the shared OCR lines', () => {
  const lines = path.join(requireDataRoot(), 'ocr', 'lines');

  it('loads the 48 preprocessed recognizer inputs with their texts, as numpy reads them', async () => {
    const samples = await collect(await openTensorFolder(lines));
    expect(samples).toHaveLength(48);
    expect(samples[0].id).toBe('line-000.npy');
    const reference = JSON.parse(
      runPython(
        `import json, sys, numpy as np
a = np.load(sys.argv[1])
print(json.dumps({'shape': list(a.shape), 'dtype': str(a.dtype), 'sum': float(a.astype(np.float64).sum()), 'head': a.ravel()[:5].tolist()}))`,
        [path.join(lines, 'line-000.npy')],
      ),
    ) as { shape: number[]; dtype: string; sum: number; head: number[] };
    const first = samples[0].inputs[UNNAMED_INPUT];
    expect(first.dataType).toBe('float32');
    expect(first.dims).toEqual(reference.shape);
    expect(Array.from(first.data.subarray(0, 5) as Float32Array)).toEqual(reference.head);
    expect((first.data as Float32Array).reduce((sum, value) => sum + value, 0)).toBeCloseTo(reference.sum, 2);
    expect(samples[0].text).toBe('network');
    expect(samples[1].text).toBe('6220 office');
    expect(samples.every((sample) => typeof sample.text === 'string' && sample.label === undefined)).toBe(true);
  });
});

describe('openTensorFolder layouts, labels and refusals', () => {
  const { folder, remove } = temporaryFolder('folder');
  afterAll(remove);

  const make = (name: string): string => {
    const dir = path.join(folder, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const writeArrays = (dir: string, files: Record<string, string>) =>
    runPython(
      `import sys, json, numpy as np
from onnx import numpy_helper
for name, expr in json.loads(sys.argv[2]).items():
  array = eval(expr)
  if name.endswith('.pb'):
    open(sys.argv[1] + '/' + name, 'wb').write(numpy_helper.from_array(array, name=name.split('/')[-1][:-3] if 'named' in name else '').SerializeToString())
  else:
    np.save(sys.argv[1] + '/' + name, array)`,
      [dir, JSON.stringify(files)],
    );

  it('reads labels.json class labels and ignores other files', async () => {
    const dir = make('labelled');
    writeArrays(dir, { 'a.npy': 'np.zeros((1, 2), np.float32)', 'b.npy': 'np.ones((1, 2), np.float32)' });
    writeFileSync(path.join(dir, 'labels.json'), JSON.stringify({ 'a.npy': 3, 'b.npy': 0 }));
    writeFileSync(path.join(dir, 'README.md'), 'not data');
    const dataset = await openTensorFolder(dir);
    expect(dataset.size).toBe(2);
    const samples = await collect(dataset);
    expect(samples.map((sample) => [sample.id, sample.label])).toEqual([
      ['a.npy', 3],
      ['b.npy', 0],
    ]);
  });

  it('reads a subfolder per sample with tensors named after the inputs (.npy names, TensorProto names)', async () => {
    const dir = make('multi');
    mkdirSync(path.join(dir, 's0'));
    writeArrays(dir, {
      's0/image.npy': 'np.zeros((1, 3), np.float32)',
      's0/named_mask.pb': 'np.ones((1, 3), np.int64)',
      's0/extra.pb': 'np.ones((2,), np.uint8)',
    });
    const [sample] = await collect(await openTensorFolder(dir));
    expect(Object.keys(sample.inputs).sort()).toEqual(['extra', 'image', 'named_mask']);
    expect(sample.inputs.named_mask.dataType).toBe('int64');
  });

  it('reads top-level .pb files without a name as the unnamed input', async () => {
    const dir = make('pb');
    writeArrays(dir, { 'x.pb': 'np.ones((1, 2), np.float32)' });
    const [sample] = await collect(await openTensorFolder(dir));
    expect(Object.keys(sample.inputs)).toEqual([UNNAMED_INPUT]);
  });

  it('refuses labels that miss a sample or name a missing one, with the sample named', async () => {
    const dir = make('badlabels');
    writeArrays(dir, { 'a.npy': 'np.zeros((1,), np.float32)', 'b.npy': 'np.zeros((1,), np.float32)' });
    writeFileSync(path.join(dir, 'labels.jsonl'), '{"file": "a.npy", "label": 1}\n');
    expect(await codeOf(openTensorFolder(dir))).toMatch(/BAD_USER_INPUT: .*no label for 1 sample\(s\): b\.npy/);
    writeFileSync(path.join(dir, 'labels.jsonl'), '{"file": "a.npy", "label": 1}\n{"file": "b.npy", "label": 2}\n{"file": "c.npy", "label": 2}\n');
    expect(await codeOf(openTensorFolder(dir))).toMatch(/labels 'c\.npy', which is not a sample/);
    writeFileSync(path.join(dir, 'labels.jsonl'), '{"file": "a.npy", "label": -1}\n');
    expect(await codeOf(openTensorFolder(dir))).toMatch(/line 1 has label -1/);
    writeFileSync(path.join(dir, 'labels.jsonl'), '{"file": "a.npy", "label": 1}\n{oops\n');
    expect(await codeOf(openTensorFolder(dir))).toMatch(/labels\.jsonl' line 2 is not valid JSON/);
  });

  it('refuses symbolic links that leave the folder, but follows those that stay inside', async () => {
    const dir = make('links');
    const outside = make('outside');
    writeArrays(outside, { 'secret.npy': 'np.zeros((1,), np.float32)' });
    writeArrays(dir, { 'a.npy': 'np.zeros((1,), np.float32)' });
    symlinkSync(path.join(dir, 'a.npy'), path.join(dir, 'b.npy'));
    expect(await collect(await openTensorFolder(dir))).toHaveLength(2);
    symlinkSync(path.join(outside, 'secret.npy'), path.join(dir, 'c.npy'));
    expect(await codeOf(openTensorFolder(dir))).toMatch(/BAD_USER_INPUT: 'c\.npy' .*links outside the folder/);
  });

  it('refuses an empty folder, a missing folder, and a corrupt file (when it is read)', async () => {
    expect(await codeOf(openTensorFolder(make('empty')))).toMatch(/BAD_USER_INPUT: .*holds no \.npy or \.pb files/);
    expect(await codeOf(openTensorFolder(path.join(folder, 'nope')))).toMatch(/FILE_NOT_FOUND/);
    const dir = make('corrupt');
    writeFileSync(path.join(dir, 'x.npy'), 'garbage');
    expect(await codeOf(collect(await openTensorFolder(dir)))).toMatch(/BAD_USER_INPUT: NumPy file 'x\.npy'/);
  });

  it('checks a file\'s size before reading it', async () => {
    const dir = make('big');
    writeArrays(dir, { 'x.npy': 'np.zeros((1000,), np.float32)' });
    expect(await codeOf(collect(await openTensorFolder(dir, { maxFileBytes: 100 })))).toMatch(/above the 100-byte limit/);
  });
});
