import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { float16ToFloat32, float32ToFloat16 } from '@edgepress/onnx';
import type { ModelInput } from './model-inputs';
import { UNNAMED_INPUT, type Sample, type SampleTensor } from './sample';

function bad(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, message);
}

/**
 * Maps a sample's tensors onto a model's inputs: an unnamed tensor goes to the model's only input,
 * every model input must be fed, names must exist, ranks and known dimensions must agree. Floating
 * point tensors are converted to the input's floating type (a float64 .npy for a float32 model);
 * any other type mismatch is refused.
 */
export function bindSample(sample: Sample, inputs: readonly ModelInput[]): Record<string, SampleTensor> {
  const bound: Record<string, SampleTensor> = {};
  const names = inputs.map((input) => input.name);
  for (const [key, tensor] of Object.entries(sample.inputs)) {
    let name = key;
    if (key === UNNAMED_INPUT) {
      if (inputs.length !== 1) {
        throw bad(`Sample '${sample.id}' has a tensor without an input name, but the model has ${inputs.length} inputs (${names.join(', ')}); name the tensors after the inputs`);
      }
      name = inputs[0].name;
    }
    const input = inputs.find((candidate) => candidate.name === name);
    if (input === undefined) throw bad(`Sample '${sample.id}' has a tensor for '${name}', which is not an input of the model (inputs: ${names.join(', ')})`);
    if (bound[name] !== undefined) throw bad(`Sample '${sample.id}' feeds input '${name}' twice`);
    bound[name] = convertType(checkShape(tensor, input, sample.id), input, sample.id);
  }
  const missing = names.filter((name) => bound[name] === undefined);
  if (missing.length > 0) throw bad(`Sample '${sample.id}' does not feed model input(s) ${missing.join(', ')}`);
  return bound;
}

function checkShape(tensor: SampleTensor, input: ModelInput, id: string): SampleTensor {
  const shape = input.shape;
  if (shape === null) return tensor;
  const mismatch = tensor.dims.length !== shape.length || shape.some((dim, axis) => typeof dim === 'number' && dim !== tensor.dims[axis]);
  if (mismatch) {
    const declared = shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ');
    throw bad(`Sample '${id}' gives input '${input.name}' shape [${tensor.dims.join(', ')}] but the model declares [${declared}]`);
  }
  return tensor;
}

function convertType(tensor: SampleTensor, input: ModelInput, id: string): SampleTensor {
  if (tensor.dataType === input.dataType) return tensor;
  const floats = ['float32', 'float64', 'float16'];
  if (!floats.includes(tensor.dataType) || !floats.includes(input.dataType)) {
    throw bad(`Sample '${id}' gives input '${input.name}' ${tensor.dataType} data but the model expects ${input.dataType}`);
  }
  const values = tensor.dataType === 'float16' ? float16ToFloat32(tensor.data as Uint16Array) : tensor.data;
  const asFloat32 = values instanceof Float32Array ? values : Float32Array.from(values as Float64Array);
  switch (input.dataType) {
    case 'float32':
      return { dataType: 'float32', dims: tensor.dims, data: asFloat32 };
    case 'float64':
      return { dataType: 'float64', dims: tensor.dims, data: Float64Array.from(values as Float32Array) };
    default:
      return { dataType: 'float16', dims: tensor.dims, data: float32ToFloat16(asFloat32) };
  }
}
