import fs from 'node:fs';
import path from 'node:path';
import { thrownError } from '../../test/fixtures/expect-error';
import { runOrtBatch } from '../../test/fixtures/ort';
import { runPythonJson, temporaryFolder } from '../../test/fixtures/python';
import { PP_OCR_CLS, PP_OCR_DET, PP_OCR_REC } from '../../test/fixtures/real-models';
import { makeValueInfo } from '../graph/value-info';
import { isConstantNode } from '../graph/weights';
import { readModel } from '../model/read';
import { writeModel } from '../model/write';
import { DataType } from '../tensor/data-types';
import { inferShapes, type ShapeOptions } from './shape-inference';

/**
 * Shape inference checked against what ONNX Runtime really produces: every intermediate value of
 * the main graph is made a graph output (typed with the inferred element type, which ONNX
 * Runtime then checks too) and its real shape compared with the inferred one.
 */
interface Comparison {
  compared: number;
  unknown: string[];
  wrong: string[];
}

function compareWithOrt(bytes: Uint8Array, shapes: Record<string, number[]>, options: ShapeOptions, skip: ReadonlySet<string> = new Set()): Comparison {
  const model = readModel(bytes);
  const inferred = inferShapes(model, options).values;
  const names: string[] = [];
  const declared = new Set(model.graph.outputs.map((output) => output.name));
  const unknown: string[] = [];
  for (const node of model.graph.nodes) {
    if (isConstantNode(node)) continue;
    for (const output of node.output) {
      if (output === '' || skip.has(output)) continue;
      const value = inferred.get(output);
      if (value === undefined || value.elemType === 0) {
        unknown.push(output);
        continue;
      }
      names.push(output);
      if (!declared.has(output)) model.graph.proto.output.push(makeValueInfo(output, value.elemType, null));
    }
  }
  const [actual] = runOrtBatch([{ model: writeModel(model), inputShapes: shapes }]);
  const wrong: string[] = [];
  for (const name of names) {
    const shape = inferred.get(name)?.shape;
    if (shape === null || shape === undefined || shape.some((dim) => typeof dim !== 'number')) unknown.push(name);
    else if (shape.join() !== actual[name].dims.join()) wrong.push(`${name}: inferred [${shape.join(', ')}], actual [${actual[name].dims.join(', ')}]`);
  }
  return { compared: names.length, unknown, wrong };
}

describe('shape inference against ONNX Runtime', () => {
  it.each([
    [PP_OCR_DET, [1, 3, 96, 160], 330],
    [PP_OCR_REC, [1, 3, 48, 160], 440],
    [PP_OCR_CLS, [1, 3, 48, 192], 221],
  ] as const)('%s: every value of the main graph has its real shape', (file, input, minimum) => {
    const result = compareWithOrt(new Uint8Array(fs.readFileSync(file)), { x: [...input] }, { inputShapes: { x: [...input] } });
    expect({ model: path.basename(file), wrong: result.wrong, unknown: result.unknown }).toEqual({ model: path.basename(file), wrong: [], unknown: [] });
    expect(result.compared).toBeGreaterThanOrEqual(minimum);
  });

  it('resolves symbolic dimensions given by name', () => {
    const model = readModel(new Uint8Array(fs.readFileSync(PP_OCR_REC)));
    const values = inferShapes(model, { dims: { 'p2o.DynamicDimension.0': 1, 'p2o.DynamicDimension.1': 320 } }).values;
    expect(values.get('softmax_11.tmp_0')).toEqual({ elemType: DataType.FLOAT, shape: [1, 40, 6625] });
    const symbolic = inferShapes(model).values.get('x');
    expect(symbolic?.shape).toEqual(['p2o.DynamicDimension.0', 3, 48, 'p2o.DynamicDimension.1']);
  });

  it('covers the common operators (a python-built zoo of 49 nodes), leaving only data-dependent and unsupported ones unknown', () => {
    const folder = temporaryFolder('zoo');
    try {
      const zoo = runPythonJson<{ file: string; inputs: Record<string, number[]> }>('make_shape_zoo.py', [folder.dir]);
      const result = compareWithOrt(new Uint8Array(fs.readFileSync(zoo.file)), zoo.inputs, { dims: { batch: 2 } });
      expect(result.wrong).toEqual([]);
      expect(result.unknown).toEqual(['einsum']);
      expect(result.compared).toBeGreaterThanOrEqual(50);
    } finally {
      folder.cleanup();
    }
  });

  it('refuses options that name no input or give impossible dimensions', () => {
    const model = readModel(new Uint8Array(fs.readFileSync(PP_OCR_CLS)));
    expect(thrownError(() => inferShapes(model, { inputShapes: { image: [1] } })).message).toMatch(/'image', which is not an input/);
    expect(thrownError(() => inferShapes(model, { dims: { h: -1 } })).code).toBe('INVALID_ARGUMENT');
  });
});
