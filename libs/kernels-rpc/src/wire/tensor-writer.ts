/**
 * The sending half of a frame's tensor table: turns typed arrays into Tensor headers, numbering
 * them in order, and keeps the bytes of those that do not fit the inline budget for the chunks
 * that follow the frame. Bytes are views of the caller's arrays, never copies. With a shared
 * placement (same-host transport), tensors that it places in shared memory are sent as references.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelTypedArray, QuantizedTensor, Tensor } from '@edgepress/kernels-native';
import { byteLengthOf, dataTypeOfArray, dataTypeOfQuantized, type DataType } from './dtype';
import type { OutgoingTensor, SharedPlacement } from './wire-tensor';

export interface StreamedTensor {
  readonly id: number;
  readonly bytes: Uint8Array;
}

/** Tensors up to this size are sent as bytes even when they sit in shared memory. */
const INLINE_RATHER_THAN_SHARED = 4096;

function invalid(message: string, argument: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details: { argument } });
}

function bytesOf(array: KernelTypedArray): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function expectShape(name: string, shape: unknown): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    throw invalid(`Expected ${name}.shape to be an array of non-negative integers`, `${name}.shape`);
  }
  return shape as number[];
}

export class TensorWriter {
  private readonly streamedTensors: StreamedTensor[] = [];
  private nextId = 0;
  private inlineLeft: number;

  constructor(
    inlineBudget: number,
    private readonly shared?: SharedPlacement,
  ) {
    this.inlineLeft = inlineBudget;
  }

  /** Tensors whose bytes follow the frame as chunks, in id order. */
  get streamed(): readonly StreamedTensor[] {
    return this.streamedTensors;
  }

  /** A one-dimensional array (scales, indices, masks): shape [length]. */
  array(name: string, values: KernelTypedArray): OutgoingTensor;
  array(name: string, values: KernelTypedArray | undefined): OutgoingTensor | null;
  array(name: string, values: KernelTypedArray | undefined): OutgoingTensor | null {
    if (values === undefined) return null;
    const dtype = this.expectArray(name, values);
    return this.header(dtype, [values.length], bytesOf(values));
  }

  /** A dense tensor { data, shape }; its dtype is its array's element type. */
  tensor(name: string, tensor: Tensor): OutgoingTensor {
    if (typeof tensor !== 'object' || tensor === null) throw invalid(`Expected a tensor { data, shape } for ${name}`, name);
    const dtype = this.expectArray(`${name}.data`, tensor.data);
    const shape = expectShape(name, tensor.shape);
    return this.header(dtype, shape, bytesOf(tensor.data));
  }

  /** A quantized tensor { type, data, shape }: dtype is the quantized type, shape the logical one. */
  quantized(name: string, tensor: QuantizedTensor): OutgoingTensor {
    if (typeof tensor !== 'object' || tensor === null) throw invalid(`Expected a quantized tensor { type, data, shape } for ${name}`, name);
    const dtype = dataTypeOfQuantized(tensor.type);
    if (dtype === undefined) throw invalid(`Expected int8, uint8, int4 or uint4 for ${name}.type but received ${String(tensor.type)}`, `${name}.type`);
    this.expectArray(`${name}.data`, tensor.data);
    const shape = expectShape(name, tensor.shape);
    const count = shape.reduce((a, b) => a * b, 1);
    if (tensor.data.byteLength !== byteLengthOf(dtype, count)) {
      throw invalid(`Expected ${name}.data to hold ${byteLengthOf(dtype, count)} bytes (${tensor.type}, shape [${shape.join(', ')}]) but received ${tensor.data.byteLength}`, `${name}.data`);
    }
    return this.header(dtype, shape, bytesOf(tensor.data));
  }

  private expectArray(name: string, values: unknown): DataType {
    const dtype = dataTypeOfArray(values);
    if (dtype === undefined) throw invalid(`Expected a typed array for ${name} but received ${typeof values}`, name);
    return dtype;
  }

  private header(dtype: DataType, shape: number[], bytes: Uint8Array): OutgoingTensor {
    const id = this.nextId++;
    // Small tensors go inline: a reference would save nothing.
    const shared = bytes.byteLength > INLINE_RATHER_THAN_SHARED ? this.shared?.(bytes) : undefined;
    if (shared !== undefined) return { id, dtype, shape, byteLength: bytes.byteLength, data: new Uint8Array(0), shared };
    const inline = bytes.byteLength <= this.inlineLeft;
    if (inline) this.inlineLeft -= bytes.byteLength;
    else this.streamedTensors.push({ id, bytes });
    return { id, dtype, shape, byteLength: bytes.byteLength, data: inline ? bytes : new Uint8Array(0) };
  }
}
