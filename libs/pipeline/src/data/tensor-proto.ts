/**
 * One serialized ONNX TensorProto (a `.pb` file, as in the ONNX test-data folders) -> a sample
 * tensor.
 *
 * Threat model: the file is untrusted. Rather than parse protobuf here, the bytes are framed as the
 * only initializer of a minimal ModelProto and handed to libs/onnx's readModel, which bounds the wire
 * scan, checks the data type, the dimensions and the data amount against the shape and its limits
 * before decoding. Its INVALID_MODEL errors become BAD_USER_INPUT naming the file. Tensors kept as
 * external data and types a sample cannot hold are refused. Tests: tensor-proto.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { DataType, decodeTensor, float32ToFloat16, readModel, type Limits } from '@edgepress/onnx';
import { sampleTypeOfOnnxType, SUPPORTED_ONNX_NAMES } from './element-types';
import type { SampleData, SampleTensor } from './sample';

export interface TensorProtoOptions {
  /** Largest tensor accepted, in bytes (default: libs/onnx's maxTensorBytes). */
  readonly maxBytes?: number;
}

export interface NamedSampleTensor {
  /** The TensorProto's name ('' when it has none). */
  readonly name: string;
  readonly tensor: SampleTensor;
}

const MODEL_IR_VERSION = 1; // field 1, varint
const MODEL_GRAPH = 7; // field 7, GraphProto
const GRAPH_INITIALIZER = 5; // field 5, repeated TensorProto

function bad(source: string, problem: string, cause?: unknown): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `TensorProto file '${source}' ${problem}`, { cause, details: { file: source } });
}

export function parseTensorProto(bytes: Uint8Array, source: string, options: TensorProtoOptions = {}): NamedSampleTensor {
  if (bytes.length === 0) throw bad(source, 'is empty');
  const limits: Partial<Limits> = options.maxBytes === undefined ? {} : { maxTensorBytes: options.maxBytes };
  let model;
  try {
    model = readModel(frameAsModel(bytes), { limits });
  } catch (error) {
    const message = error instanceof EdgepressError ? error.message : String(error);
    throw bad(source, `is not a valid TensorProto: ${message}`, error);
  }
  const proto = model.graph.proto.initializer[0];
  if (proto === undefined || model.graph.proto.initializer.length !== 1) throw bad(source, 'is not a single TensorProto');
  if (proto.dataLocation === 1) throw bad(source, 'keeps its values as external data, which samples do not support');
  const dataType = sampleTypeOfOnnxType(proto.dataType);
  if (dataType === undefined) {
    throw bad(source, `holds a tensor of ONNX type ${proto.dataType}; samples hold ${SUPPORTED_ONNX_NAMES.join(', ')}`);
  }
  const decoded = decodeTensor(proto, { limits: model.limits, where: `tensor in '${source}'` });
  let data: SampleData;
  if (proto.dataType === DataType.FLOAT16) data = float32ToFloat16(decoded.data as Float32Array);
  else data = decoded.data as SampleData;
  return { name: proto.name, tensor: { dataType, dims: [...decoded.dims], data } };
}

/** ModelProto { ir_version: 8, graph { initializer: <bytes> } } in protobuf wire form. */
function frameAsModel(tensorBytes: Uint8Array): Uint8Array {
  const initializer = lengthDelimited(GRAPH_INITIALIZER, tensorBytes);
  const graph = lengthDelimited(MODEL_GRAPH, initializer);
  return concat([Uint8Array.of((MODEL_IR_VERSION << 3) | 0, 8), graph]);
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  return concat([varint((field << 3) | 2), varint(payload.length), payload]);
}

function varint(value: number): Uint8Array {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return Uint8Array.from(out);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
