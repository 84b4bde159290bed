import { create } from '@bufbuild/protobuf';
import fs from 'node:fs';
import path from 'node:path';
import { graph, modelBytes } from '../test/fixtures/build-model';
import { thrownErrorAsync } from '../test/fixtures/expect-error';
import { runOrtBatch, sameOutputs } from '../test/fixtures/ort';
import { runPythonJson, temporaryFolder } from '../test/fixtures/python';
import { inlineExternalData } from './external-data';
import { StringStringEntryProtoSchema, TensorProtoSchema } from './gen/onnx_pb';
import { readModel, readModelFile } from './model/read';
import { writeModel } from './model/write';
import { summarizeModel } from './summary/summarize';
import { DataType } from './tensor/data-types';

/**
 * Trust boundary 2, external data: the model names files to read; nothing outside its folder
 * may be read (see the threat model in external-data.ts).
 */
const folder = temporaryFolder('external');
afterAll(() => folder.cleanup());
let counter = 0;

/** A fresh folder holding model.onnx whose initializer 'w' (4 floats) is stored externally with these entries. */
function externalModel(entries: Record<string, string>, files: Record<string, Uint8Array | 'dir'> = {}): string {
  const dir = path.join(folder.dir, `case-${counter++}`);
  fs.mkdirSync(dir);
  const w = create(TensorProtoSchema, {
    name: 'w',
    dims: [4n],
    dataType: DataType.FLOAT,
    dataLocation: 1,
    externalData: Object.entries(entries).map(([key, value]) => create(StringStringEntryProtoSchema, { key, value })),
  });
  const main = graph({ nodes: [{ op: 'Identity', inputs: ['w'], outputs: ['y'] }], outputs: [['y', DataType.FLOAT, [4]]], initializers: [w] });
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (content === 'dir') fs.mkdirSync(target);
    else fs.writeFileSync(target, content);
  }
  const file = path.join(dir, 'model.onnx');
  fs.writeFileSync(file, modelBytes(main));
  return file;
}

const FOUR_FLOATS = new Uint8Array(Float32Array.of(1, 2, 3, 4).buffer);

async function expectRefused(file: string, pattern: RegExp, limits = {}): Promise<void> {
  const error = await thrownErrorAsync(() => readModelFile(file, { limits }));
  expect({ code: error.code, message: error.message }).toEqual({ code: 'INVALID_MODEL', message: expect.stringMatching(pattern) });
}

describe('external data', () => {
  it('loads what python-onnx saved as external data, and inlining it gives a self-contained model with the same outputs', async () => {
    const dir = path.join(folder.dir, 'python');
    fs.mkdirSync(dir);
    const saved = runPythonJson<{ file: string; w: number[]; b: number[] }>('make_external_data_model.py', [dir]);
    const model = await readModelFile(saved.file);
    expect(Array.from(model.readWeight('w').data as Float32Array)).toEqual(saved.w);
    expect(Array.from(model.readWeight('b').data as Float32Array)).toEqual(saved.b);
    expect(model.weightInfo('w').encoding).toBe('external');
    expect(summarizeModel(model).nonZeroParameters).toBe(14);
    const original = fs.readFileSync(saved.file);
    expect(Buffer.compare(writeModel(model), original)).toBe(0);
    expect(inlineExternalData(model)).toBe(2);
    const inlined = writeModel(model);
    expect(readModel(inlined).weightInfo('w').encoding).toBe('raw');
    const [a, b] = runOrtBatch([{ model: saved.file, inputShapes: { x: [2, 4] } }, { model: inlined, inputShapes: { x: [2, 4] } }]);
    expect(sameOutputs(a, b)).toBe(true);
  });

  it('reads ranges at an offset inside a shared file', async () => {
    const file = externalModel({ location: 'data/weights.bin', offset: '8', length: '16' }, { 'data/weights.bin': new Uint8Array([9, 9, 9, 9, 9, 9, 9, 9, ...FOUR_FLOATS, 7]) });
    expect(Array.from((await readModelFile(file)).readWeight('w').data as Float32Array)).toEqual([1, 2, 3, 4]);
  });

  it('leaves external data unread on request, and says so when it is needed', async () => {
    const file = externalModel({ location: 'w.bin' }, { 'w.bin': FOUR_FLOATS });
    const model = await readModelFile(file, { externalData: 'skip' });
    const error = await thrownErrorAsync(async () => model.readWeight('w'));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/external data that was not loaded/);
  });

  describe('refuses, with INVALID_MODEL naming the tensor', () => {
    it('a file that is a symbolic link, even to a file inside the folder', async () => {
      const file = externalModel({ location: 'w.bin' }, { 'real.bin': FOUR_FLOATS });
      fs.symlinkSync(path.join(path.dirname(file), 'real.bin'), path.join(path.dirname(file), 'w.bin'));
      await expectRefused(file, /initializer 'w'.*'w\.bin', which is a symbolic link/);
    });

    it('a file reached through a symbolically linked folder', async () => {
      const outside = path.join(folder.dir, `outside-${counter}`);
      fs.mkdirSync(outside);
      fs.writeFileSync(path.join(outside, 'w.bin'), FOUR_FLOATS);
      const file = externalModel({ location: 'linked/w.bin' });
      fs.symlinkSync(outside, path.join(path.dirname(file), 'linked'));
      await expectRefused(file, /'linked\/w\.bin', which is reached through a symbolic link/);
    });

    it('a file with a second hard link (it may be a link to a file elsewhere)', async () => {
      const file = externalModel({ location: 'w.bin' }, { 'w.bin': FOUR_FLOATS });
      fs.linkSync(path.join(path.dirname(file), 'w.bin'), path.join(folder.dir, `hardlink-${counter}.bin`));
      await expectRefused(file, /'w\.bin', which has 2 hard links/);
    });

    it('a parent-folder path, even when the file exists', async () => {
      fs.writeFileSync(path.join(folder.dir, 'secret.bin'), FOUR_FLOATS);
      await expectRefused(externalModel({ location: '../secret.bin' }), /initializer 'w'.*leaves the model's folder/);
    });

    it('an absolute path', async () => {
      await expectRefused(externalModel({ location: path.join(folder.dir, 'secret.bin') }), /absolute path/);
    });

    it('an offset beyond the end of the file', async () => {
      await expectRefused(externalModel({ location: 'w.bin', offset: '100' }, { 'w.bin': FOUR_FLOATS }), /offset 100 beyond the end of 'w\.bin' \(16 bytes\)/);
    });

    it('a range running past the end of the file', async () => {
      await expectRefused(externalModel({ location: 'w.bin', offset: '8', length: '16' }, { 'w.bin': FOUR_FLOATS }), /range \[8, 24\) beyond the end/);
    });

    it('a length that does not match the shape', async () => {
      await expectRefused(externalModel({ location: 'w.bin', length: '12' }, { 'w.bin': FOUR_FLOATS }), /'w'.*has 12 bytes of external data but its shape needs 16/);
      await expectRefused(externalModel({ location: 'w.bin' }, { 'w.bin': new Uint8Array(20) }), /has 20 bytes of external data but its shape needs 16/);
    });

    it('a missing file, and a folder instead of a file', async () => {
      await expectRefused(externalModel({ location: 'missing.bin' }), /'missing\.bin', which does not exist/);
      await expectRefused(externalModel({ location: 'folder' }, { folder: 'dir' }), /'folder', which is not a regular file/);
    });

    it('more external data than maxExternalDataBytes, before reading any of it', async () => {
      await expectRefused(externalModel({ location: 'w.bin' }, { 'w.bin': FOUR_FLOATS }), /exceeds limits\.maxExternalDataBytes \(8\)/, { maxExternalDataBytes: 8 });
    });
  });

  it('reports a missing or unreadable model file as FILE_NOT_FOUND', async () => {
    expect((await thrownErrorAsync(() => readModelFile(path.join(folder.dir, 'nope.onnx')))).code).toBe('FILE_NOT_FOUND');
    expect((await thrownErrorAsync(() => readModelFile(folder.dir))).code).toBe('FILE_NOT_FOUND');
  });
});
