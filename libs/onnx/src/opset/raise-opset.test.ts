import fs from 'node:fs';
import path from 'node:path';
import { thrownError } from '../../test/fixtures/expect-error';
import { maxAbsDifference, runOrtBatch, type OrtJob } from '../../test/fixtures/ort';
import { runPythonJson, temporaryFolder } from '../../test/fixtures/python';
import { PP_OCR_CLS, PP_OCR_DET, PP_OCR_REC } from '../../test/fixtures/real-models';
import { checkModel } from '../graph/check';
import { readModel } from '../model/read';
import { writeModel } from '../model/write';
import { ensureOpset, raiseOpset } from './raise-opset';

/**
 * Opset raising checked against ONNX Runtime: each model runs at its original opset and again
 * after the raise, and the outputs must agree (ONNX Runtime implements every opset, so it is the
 * reference for what each old operator meant).
 */
interface OpsetCase {
  name: string;
  file: string;
  opset: number;
  target: number;
  inputs: Record<string, number[]>;
  refuse: string | null;
}

const folder = temporaryFolder('opset');
const cases = runPythonJson<OpsetCase[]>('make_opset_models.py', [folder.dir]);
afterAll(() => folder.cleanup());

const converted = cases.filter((c) => c.refuse === null);
const refused = cases.filter((c) => c.refuse !== null);

function compareWithOrt(jobs: [OrtJob, OrtJob][], tolerance: number): void {
  const results = runOrtBatch(jobs.flat());
  for (let i = 0; i < results.length; i += 2) {
    const [before, after] = [results[i], results[i + 1]];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of Object.keys(before)) {
      expect(after[name].dims).toEqual(before[name].dims);
      expect({ job: i / 2, name, close: maxAbsDifference(before[name], after[name]) <= tolerance }).toEqual({ job: i / 2, name, close: true });
    }
  }
}

describe('raising the default opset', () => {
  const raised = new Map<OpsetCase, Uint8Array>();

  it.each(converted.map((c) => [`${c.name}: ${c.opset} -> ${c.target}`, c]))('%s converts what changed', (_, c) => {
    const model = readModel(new Uint8Array(fs.readFileSync(c.file)));
    const report = raiseOpset(model, c.target);
    expect(report.from).toBe(c.opset);
    expect(model.opsetVersion('')).toBe(c.target);
    expect(model.irVersion).toBeGreaterThanOrEqual(report.irVersionTo);
    expect(report.changes.length).toBeGreaterThan(0);
    expect(checkModel(model).filter((issue) => issue.severity === 'error')).toEqual([]);
    raised.set(c, writeModel(model));
  });

  it('keeps the ONNX Runtime outputs of every converted model', () => {
    expect(raised.size).toBe(converted.length);
    compareWithOrt(
      converted.map((c): [OrtJob, OrtJob] => [{ model: c.file, inputShapes: c.inputs }, { model: raised.get(c) as Uint8Array, inputShapes: c.inputs }]),
      1e-6,
    );
  });

  it.each(refused.map((c) => [c.name, c]))('%s is refused with CONSTRAINT_NOT_MET, leaving the model untouched', (_, c) => {
    const bytes = new Uint8Array(fs.readFileSync(c.file));
    const model = readModel(bytes);
    const error = thrownError(() => raiseOpset(model, c.target));
    expect(error.code).toBe('CONSTRAINT_NOT_MET');
    expect(error.message).toContain(c.refuse as string);
    expect(Buffer.compare(writeModel(model), bytes)).toBe(0);
  });

  it('raises the PP-OCR models to opsets 13 and 21 with the same ONNX Runtime outputs', () => {
    const inputs: Record<string, Record<string, number[]>> = {
      [PP_OCR_CLS]: { x: [1, 3, 48, 96] },
      [PP_OCR_REC]: { x: [1, 3, 48, 96] },
      [PP_OCR_DET]: { x: [1, 3, 64, 64] },
    };
    const jobs: [OrtJob, OrtJob][] = [];
    const changes: Record<string, string[]> = {};
    for (const file of [PP_OCR_CLS, PP_OCR_REC, PP_OCR_DET]) {
      for (const target of [13, 21]) {
        const bytes = new Uint8Array(fs.readFileSync(file));
        const model = readModel(bytes);
        const report = raiseOpset(model, target);
        changes[`${path.basename(file)}@${target}`] = [...new Set(report.changes.map((change) => `${change.opType}@${change.version}`))].sort();
        expect(checkModel(model).filter((issue) => issue.severity === 'error')).toEqual([]);
        jobs.push([{ model: bytes, inputShapes: inputs[file] }, { model: writeModel(model), inputShapes: inputs[file] }]);
      }
    }
    expect(changes['ch_PP-OCRv4_rec_infer.onnx@13']).toEqual(['Clip@11', 'Slice@10', 'Softmax@13', 'Squeeze@13']);
    expect(changes['ch_PP-OCRv4_rec_infer.onnx@21']).toEqual(['Clip@11', 'ReduceMean@18', 'Slice@10', 'Softmax@13', 'Squeeze@13']);
    expect(changes['ch_PP-OCRv4_det_infer.onnx@21']).toEqual([]);
    compareWithOrt(jobs, 1e-5);
  });

  it('does nothing when the model is already at or above the target, and refuses unknown territory', () => {
    const model = readModel(new Uint8Array(fs.readFileSync(PP_OCR_DET)));
    expect(raiseOpset(model, 9).changes).toEqual([]);
    expect(model.opsetVersion('')).toBe(11);
    expect(thrownError(() => raiseOpset(model, 22)).message).toMatch(/knows operators up to opset 21/);
    expect(thrownError(() => raiseOpset(model, 0)).code).toBe('INVALID_ARGUMENT');
  });

  it('ensures a minimum opset for the default domain (converting) and for custom domains (importing)', () => {
    const model = readModel(new Uint8Array(fs.readFileSync(PP_OCR_CLS)));
    expect(ensureOpset(model, '', 13)?.to).toBe(13);
    expect(ensureOpset(model, 'ai.onnx', 11)).toBeUndefined();
    ensureOpset(model, 'com.microsoft', 1);
    expect(model.opsets()).toEqual({ '': 13, 'com.microsoft': 1 });
  });
});
