/**
 * What the kernel methods share: the KernelService, the handle table, per-call options (threads,
 * cancellation), and the conversions between handles and the kernels' tensors. Kernels take float
 * tensors: a float16 or bfloat16 handle is widened (its values are exact in float32); any other
 * type is refused naming the method and argument.
 */
import type { KernelService } from '@edgepress/kernels-rpc/client';
import type { DataTypeName, TensorHandle } from '@edgepress/plugin-sdk';
import { createTensor, dataTypeName, DataType, type Tensor } from '@edgepress/onnx';
import { expectInteger, invalidArgument } from './arguments';
import type { TensorTable } from './tensor-table';

export interface KernelContext {
  readonly kernels: KernelService;
  readonly table: TensorTable;
  /** Threads per kernel call (1 unless the caller raises it). */
  readonly threads: number;
  readonly signal: AbortSignal | undefined;
}

export interface FloatInput {
  readonly data: Float32Array;
  readonly shape: number[];
  /** The handle's own type, for results that keep it (pruning keeps float16 as float16). */
  readonly dataType: DataTypeName;
}

const FLOAT_TYPES: readonly number[] = [DataType.FLOAT, DataType.FLOAT16, DataType.BFLOAT16];

export function floatInput(context: KernelContext, handle: unknown, what: string): FloatInput {
  const tensor = context.table.tensor(handle, what);
  if (!FLOAT_TYPES.includes(tensor.dataType)) {
    throw invalidArgument(`Expected a float, float16 or bfloat16 tensor for ${what} but handle ${(handle as TensorHandle).id} holds ${dataTypeName(tensor.dataType)}`);
  }
  return { data: tensor.data as Float32Array, shape: [...tensor.dims], dataType: context.table.resolve(handle, what).dataType };
}

export function typedInput(context: KernelContext, handle: unknown, what: string, dataType: number): Tensor {
  const tensor = context.table.tensor(handle, what);
  if (tensor.dataType !== dataType) {
    throw invalidArgument(`Expected a ${dataTypeName(dataType)} tensor for ${what} but handle ${(handle as TensorHandle).id} holds ${dataTypeName(tensor.dataType)}`);
  }
  return tensor;
}

/** Stores a kernel result as a new handle. */
export function output(context: KernelContext, dataType: DataTypeName, dims: readonly number[], data: ArrayLike<number> | ArrayLike<bigint>): TensorHandle {
  return context.table.add(createTensor({ dataType, dims, data: data as Float32Array }));
}

export function callOptions(context: KernelContext): { threads: number; signal?: AbortSignal } {
  return context.signal === undefined ? { threads: context.threads } : { threads: context.threads, signal: context.signal };
}

/** An axis in [-rank, rank), returned in [0, rank). */
export function normalizeAxis(value: unknown, rank: number, what: string): number {
  if (rank === 0) throw invalidArgument(`${what}: a scalar has no axis`);
  const axis = expectInteger(value, what, -rank, rank - 1);
  return axis < 0 ? axis + rank : axis;
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}
