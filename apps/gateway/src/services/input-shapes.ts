/**
 * The input shapes a run is measured at. A model with symbolic input dimensions ([?, 3, ?, ?] for
 * the PP-OCR classifier) cannot be timed, estimated or fed random calibration data until they
 * have values: calibration or evaluation data tells them; otherwise the run takes the shapes its
 * spec names (`inputShapes`), or those the model's registered dimension values give.
 *
 * Threat model (trust boundary 1): shapes arrive from clients and become tensors of random data
 * on a worker, so their count, rank and element count are capped here, before anything is
 * stored; a shape must fit the model's declared input (same rank, same fixed sizes).
 * Tests: test/runs.test.ts (input shapes), tools/launcher/test/run-inputs.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Dim, ValueSummary } from '@edgepress/onnx';

export interface InputShape {
  name: string;
  dims: number[];
}

export const MAX_INPUT_SHAPES = 32;
export const MAX_INPUT_RANK = 8;
/** Elements of one input (16 Mi float32 = 64 MiB per random sample). */
export const MAX_INPUT_ELEMENTS = 2 ** 24;

function badInput(field: string, message: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, message, { details: { field } });
}

/** Checks the shapes a client sent (without the model: saved pipelines have none); [] when absent. */
export function parseInputShapes(value: readonly InputShape[] | null | undefined, field: string): InputShape[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_INPUT_SHAPES) throw badInput(field, `Expected at most ${MAX_INPUT_SHAPES} input shapes for ${field}`);
  const names = new Set<string>();
  return value.map((shape, index) => {
    const at = `${field}[${index}]`;
    if (typeof shape?.name !== 'string' || shape.name.length === 0 || shape.name.length > 200) throw badInput(`${at}.name`, `Expected an input name of 1 to 200 characters for ${at}.name`);
    if (names.has(shape.name)) throw badInput(`${at}.name`, `Input ${JSON.stringify(shape.name)} has two shapes in ${field}`);
    names.add(shape.name);
    const dims = shape.dims;
    if (!Array.isArray(dims) || dims.length === 0 || dims.length > MAX_INPUT_RANK) {
      throw badInput(`${at}.dims`, `Expected 1 to ${MAX_INPUT_RANK} dimensions for ${at}.dims but received ${Array.isArray(dims) ? dims.length : 'none'}`);
    }
    if (!dims.every((dim) => Number.isSafeInteger(dim) && dim >= 1)) throw badInput(`${at}.dims`, `Expected positive integer sizes for ${at}.dims but received [${dims.join(', ')}]`);
    const elements = dims.reduce((product, dim) => product * dim, 1);
    if (elements > MAX_INPUT_ELEMENTS) {
      throw badInput(`${at}.dims`, `Input ${shape.name} of shape [${dims.join(', ')}] holds ${elements} elements; at most ${MAX_INPUT_ELEMENTS} are accepted`);
    }
    return { name: shape.name, dims: [...dims] };
  });
}

const isSymbolic = (dim: Dim): boolean => typeof dim !== 'number';

/** Checks requested shapes against the model's declared inputs: known names, same rank, same fixed sizes. */
function checkAgainstModel(shapes: readonly InputShape[], inputs: readonly ValueSummary[], field: string): void {
  for (const [index, shape] of shapes.entries()) {
    const input = inputs.find((candidate) => candidate.name === shape.name);
    if (input === undefined) {
      throw badInput(`${field}[${index}].name`, `The model has no input ${JSON.stringify(shape.name)} (its inputs: ${inputs.map((candidate) => candidate.name).join(', ')})`);
    }
    if (input.shape === null) continue;
    const declared = input.shape;
    const fits = declared.length === shape.dims.length && declared.every((dim, axis) => isSymbolic(dim) || dim === shape.dims[axis]);
    if (!fits) {
      throw badInput(
        `${field}[${index}].dims`,
        `Input ${shape.name} is declared [${declared.map((dim) => dim ?? '?').join(', ')}]; [${shape.dims.join(', ')}] does not fit it (same rank, same fixed sizes)`,
      );
    }
  }
}

/**
 * Shapes from the dimension values given at registration, for the inputs with symbolic dimensions
 * that those values resolve (a symbol without a value counts as 1, as random data takes it).
 */
function shapesFromDimensions(inputs: readonly ValueSummary[], dimensions: Readonly<Record<string, number>>): InputShape[] {
  const shapes: InputShape[] = [];
  for (const input of inputs) {
    if (input.shape === null || !input.shape.some((dim) => typeof dim === 'string' && Object.hasOwn(dimensions, dim))) continue;
    shapes.push({ name: input.name, dims: input.shape.map((dim) => (typeof dim === 'number' ? dim : typeof dim === 'string' && Object.hasOwn(dimensions, dim) ? dimensions[dim] : 1)) });
  }
  return shapes;
}

/**
 * The shapes a new run stores (runs.spec.inputShapes): those it asks for, checked against the
 * model; without them and without datasets, those the model's registered dimensions give.
 */
export function runInputShapes(
  model: { inputs: readonly ValueSummary[]; dimensions: Readonly<Record<string, number>> },
  requested: readonly InputShape[],
  hasData: boolean,
  field: string,
): InputShape[] {
  if (requested.length > 0) {
    checkAgainstModel(requested, model.inputs, field);
    return [...requested];
  }
  if (hasData) return [];
  return parseInputShapes(shapesFromDimensions(model.inputs, model.dimensions), 'model.dimensions');
}
