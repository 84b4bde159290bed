import fs from 'node:fs';
import path from 'node:path';
import { runPythonJson, temporaryFolder } from '../../test/fixtures/python';
import { runOrtBatch, sameOutputs, type OrtJob } from '../../test/fixtures/ort';
import { PP_OCR_CLS, PP_OCR_DET, PP_OCR_REC, REAL_MODELS } from '../../test/fixtures/real-models';
import { walkModel } from './tensor-walk';
import { decodeTensor } from '../tensor/decode';
import { writeTensorData } from '../tensor/encode';
import { readModel } from './read';
import { writeModel } from './write';
import type { OnnxModel } from './onnx-model';

/** Input shapes small enough to run quickly; the wake-word models declare static shapes. */
const RUN_SHAPES: Record<string, Record<string, number[]>> = {
  [PP_OCR_DET]: { x: [1, 3, 64, 64] },
  [PP_OCR_REC]: { x: [1, 3, 48, 96] },
  [PP_OCR_CLS]: { x: [1, 3, 48, 96] },
};

function staticInputShapes(model: OnnxModel): Record<string, number[]> {
  const shapes: Record<string, number[]> = {};
  for (const input of model.graph.inputs) {
    const type = input.type?.value;
    if (type?.case !== 'tensorType') continue;
    shapes[input.name] = (type.value.shape?.dim ?? []).map((dim) => (dim.value.case === 'dimValue' ? Number(dim.value.value) : 1));
  }
  return shapes;
}

/** Decodes every weight to a typed array and encodes it back in place, through the public edit API. */
function replaceEveryWeightWithItself(model: OnnxModel): number {
  const weights = model.weights();
  for (const weight of weights) model.replaceWeight(weight, model.readWeight(weight));
  return weights.length;
}

const bytesOf = (file: string) => new Uint8Array(fs.readFileSync(file));

describe('round trip of the shipped models', () => {
  it.each(REAL_MODELS.map((file) => [path.basename(file), file]))('%s: read then write is byte-identical', (_, file) => {
    const bytes = bytesOf(file);
    expect(Buffer.compare(writeModel(readModel(bytes)), bytes)).toBe(0);
  });

  it('replacing every weight with itself (decode to typed arrays, encode back) keeps the bytes and the ONNX Runtime outputs', () => {
    const jobs: OrtJob[] = [];
    for (const file of REAL_MODELS) {
      const bytes = bytesOf(file);
      const model = readModel(bytes);
      expect(replaceEveryWeightWithItself(model)).toBeGreaterThan(0);
      const rewritten = writeModel(model);
      expect(Buffer.compare(rewritten, bytes)).toBe(0);
      const inputShapes = RUN_SHAPES[file] ?? staticInputShapes(model);
      jobs.push({ model: file, inputShapes }, { model: rewritten, inputShapes });
    }
    const results = runOrtBatch(jobs);
    for (let i = 0; i < results.length; i += 2) {
      expect(Object.keys(results[i]).length).toBeGreaterThan(0);
      expect(sameOutputs(results[i], results[i + 1])).toBe(true);
    }
  });

  it('gives identical ONNX Runtime outputs when every tensor is re-encoded in typed fields instead of raw_data', () => {
    const jobs: OrtJob[] = [];
    for (const file of [PP_OCR_CLS, REAL_MODELS.find((f) => f.endsWith('hello_deepa.onnx')) as string]) {
      const bytes = bytesOf(file);
      const model = readModel(bytes);
      let converted = 0;
      walkModel(model.proto, {
        tensor(tensor) {
          writeTensorData(tensor, decodeTensor(tensor), 'typed');
          converted++;
        },
      });
      const rewritten = writeModel(model);
      expect(converted).toBeGreaterThan(10);
      expect(Buffer.compare(rewritten, bytes)).not.toBe(0);
      const reread = readModel(rewritten);
      expect(reread.weights().every((weight) => reread.weightInfo(weight).encoding !== 'raw')).toBe(true);
      const inputShapes = RUN_SHAPES[file] ?? staticInputShapes(model);
      jobs.push({ model: bytes, inputShapes }, { model: rewritten, inputShapes });
    }
    const [a, b, c, d] = runOrtBatch(jobs);
    expect(sameOutputs(a, b)).toBe(true);
    expect(sameOutputs(c, d)).toBe(true);
  });
});

describe('reading from a Node Buffer', () => {
  it('decodes the same weights as from a plain Uint8Array (Buffer.slice is a view, not a copy)', () => {
    const file = fs.readFileSync(PP_OCR_CLS);
    const fromBuffer = readModel(file);
    const fromCopy = readModel(new Uint8Array(file));
    const weights = fromBuffer.weights();
    expect(weights.length).toBeGreaterThan(10);
    for (const weight of weights) {
      expect(fromBuffer.readWeight(weight.name).data).toEqual(fromCopy.readWeight(weight.name).data);
    }
  });
});

describe('fields the schema does not know', () => {
  /** The classifier with unknown fields spliced in at three levels: ModelProto, GraphProto and a Constant's TensorProto. */
  function withUnknownFields(): Uint8Array {
    const model = readModel(new Uint8Array(fs.readFileSync(PP_OCR_CLS)));
    const unknown = (no: number, data: number[]) => ({ no, wireType: 2, data: Uint8Array.from([data.length, ...data]) });
    const annotate = (message: object, no: number, data: number[]) => Object.assign(message, { $unknown: [unknown(no, data)] });
    annotate(model.proto, 100, [1, 2, 3]);
    annotate(model.graph.proto, 99, [0x0a, 0x01, 0x41]);
    annotate(model.weights()[0].tensor as object, 77, [9, 9]);
    return writeModel(model);
  }

  it('survive reading, writing and replacing the weight that carries them', () => {
    const bytes = withUnknownFields();
    const model = readModel(bytes);
    expect(Buffer.compare(writeModel(model), bytes)).toBe(0);
    replaceEveryWeightWithItself(model);
    expect(Buffer.compare(writeModel(model), bytes)).toBe(0);
    const first = model.weights()[0];
    model.replaceWeight(first, { ...model.readWeight(first), data: (model.readWeight(first).data as Float32Array).map((v) => v + 1) });
    const edited = readModel(writeModel(model));
    expect((edited.weights()[0].tensor as { $unknown?: { no: number }[] }).$unknown?.map((field) => field.no)).toEqual([77]);
    expect((edited.proto as { $unknown?: { no: number }[] }).$unknown?.map((field) => field.no)).toEqual([100]);
  });
});

interface DtypeCase {
  file: string;
  name: string;
  storage: 'raw' | 'typed';
  ort: boolean;
}

interface SubgraphCase {
  name: string;
  file: string;
  inputs: Record<string, number[]>;
}

describe('round trip of generated models (python onnx 1.12)', () => {
  const folder = temporaryFolder('round-trip');
  const dtypeCases = runPythonJson<DtypeCase[]>('make_dtype_models.py', [folder.dir]);
  const subgraphCases = runPythonJson<SubgraphCase[]>('make_subgraph_models.py', [folder.dir]);
  afterAll(() => folder.cleanup());

  it('covers every ONNX data type in both raw_data and typed fields', () => {
    const names = new Set(dtypeCases.map((c) => c.name));
    expect(names.size).toBe(23);
    expect(dtypeCases.filter((c) => c.storage === 'typed')).toHaveLength(23);
  });

  it.each(dtypeCases.map((c) => [`${c.name} (${c.storage})`, c]))('%s: byte-identical, and identical after replacing the weight with itself', (_, c) => {
    const bytes = bytesOf(c.file);
    const model = readModel(bytes);
    expect(Buffer.compare(writeModel(model), bytes)).toBe(0);
    replaceEveryWeightWithItself(model);
    expect(Buffer.compare(writeModel(model), bytes)).toBe(0);
  });

  it('ONNX Runtime loads every generated data-type model after the weights were replaced and gives identical outputs', () => {
    const runnable = dtypeCases.filter((c) => c.ort);
    const jobs = runnable.flatMap((c): OrtJob[] => {
      const model = readModel(bytesOf(c.file));
      replaceEveryWeightWithItself(model);
      return [{ model: c.file }, { model: writeModel(model) }];
    });
    const results = runOrtBatch(jobs);
    expect(runnable.length).toBe(39);
    for (let i = 0; i < results.length; i += 2) expect(sameOutputs(results[i], results[i + 1])).toBe(true);
  });

  it.each(subgraphCases.map((c) => [c.name, c]))('%s: byte-identical, every weight of every graph replaced, same ONNX Runtime outputs', (_, c) => {
    const bytes = bytesOf(c.file);
    const model = readModel(bytes);
    expect(Buffer.compare(writeModel(model), bytes)).toBe(0);
    const replaced = replaceEveryWeightWithItself(model);
    expect(replaced).toBeGreaterThanOrEqual(3);
    const rewritten = writeModel(model);
    expect(Buffer.compare(rewritten, bytes)).toBe(0);
    const [before, after] = runOrtBatch([{ model: bytes, inputShapes: c.inputs }, { model: rewritten, inputShapes: c.inputs }]);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    expect(sameOutputs(before, after)).toBe(true);
  });
});
