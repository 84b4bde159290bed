/**
 * How one operator crosses the wire: its RPC, and four conversions between the TypeScript
 * arguments/results of KernelService and the typed proto messages whose Tensor headers the
 * TensorWriter/TensorAssembler fill in. Decoding on the server does not validate: it hands what
 * arrived to kernels-native, whose validation names the argument (trust boundary 4).
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelCallOptions } from '@edgepress/kernels-native';
import type { KernelMethod, KernelService } from '../kernel-service';
import type { TensorAssembler } from '../wire/tensor-assembler';
import type { TensorWriter } from '../wire/tensor-writer';

export type OperatorParams<M extends KernelMethod> = Parameters<KernelService[M]>;
export type OperatorResult<M extends KernelMethod> = Awaited<ReturnType<KernelService[M]>>;

export interface OperatorCodec<M extends KernelMethod, Args, ArgsOut, Result, ResultOut> {
  readonly method: M;
  /** The RPC of edgepress.kernels.v1.Kernels. */
  readonly rpc: string;
  /** Position of the options parameter (threads, signal, maxElements and operator options). */
  readonly optionsIndex: number;
  encodeArgs(w: TensorWriter, params: OperatorParams<M>): Args;
  /** The call's parameters; `options` (threads, signal, maxElements) go into the options slot. */
  decodeArgs(r: TensorAssembler, args: ArgsOut, options: KernelCallOptions): OperatorParams<M>;
  encodeResult(w: TensorWriter, result: OperatorResult<M>): Result;
  decodeResult(r: TensorAssembler, result: ResultOut): OperatorResult<M>;
  /** Client side, after decoding: honour caller-provided outputs (e.g. SpMM's `out`). */
  deliver?(params: OperatorParams<M>, result: OperatorResult<M>): OperatorResult<M>;
  /**
   * Server side, for a call with a shared output range: the parameters with the kernel's output
   * placed in memory from `allocate` (e.g. QuantizeLinear's `out`), so that the result needs no
   * copy; the parameters as they are when `allocate` has no room.
   */
  outputInto?(params: OperatorParams<M>, allocate: (bytes: number) => Uint8Array | undefined): OperatorParams<M>;
}

/** An operator codec with its message types erased, for the generic client and server glue. */
export interface AnyOperatorCodec {
  readonly method: KernelMethod;
  readonly rpc: string;
  readonly optionsIndex: number;
  encodeArgs(w: TensorWriter, params: readonly unknown[]): object;
  decodeArgs(r: TensorAssembler, args: object, options: KernelCallOptions): unknown[];
  encodeResult(w: TensorWriter, result: unknown): object;
  decodeResult(r: TensorAssembler, result: object): unknown;
  deliver?(params: readonly unknown[], result: unknown): unknown;
  outputInto?(params: unknown[], allocate: (bytes: number) => Uint8Array | undefined): unknown[];
}

export function defineOperator<M extends KernelMethod, Args, ArgsOut, Result, ResultOut>(
  codec: OperatorCodec<M, Args, ArgsOut, Result, ResultOut>,
): AnyOperatorCodec {
  return codec as unknown as AnyOperatorCodec;
}

/**
 * Marks a decoded value that is handed to kernels-native unvalidated: the kernel's own argument
 * validation runs first and rejects it with a message naming the argument.
 */
export function forValidation<T>(value: unknown): T {
  return value as T;
}

/** A result field the server must have sent; its absence is a broken server, not bad input. */
export function present<T>(value: T | null | undefined, name: string): T {
  if (value === null || value === undefined) {
    throw new EdgepressError(ErrorCode.INTERNAL, `The kernel server's response lacked ${name}`);
  }
  return value;
}

function invalid(message: string, argument: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details: { argument } });
}

/**
 * Client-side check of an integer argument before it is encoded: protobuf would silently
 * truncate 1.5 to 1 or wrap -1 into a huge uint32, so such values are refused here.
 */
export function optionalInteger(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`Expected an integer between ${min} and ${max} for ${name} but received ${String(value)}`, name);
  }
  return value;
}

export function integer(name: string, value: unknown, min: number, max: number): number {
  if (value === undefined) throw invalid(`Expected an integer between ${min} and ${max} for ${name} but received undefined`, name);
  return optionalInteger(name, value, min, max) as number;
}

/** A number argument (NaN and Infinity pass: the server's validation decides about them). */
export function numberArg(name: string, value: unknown): number {
  if (typeof value !== 'number') throw invalid(`Expected a number for ${name} but received ${typeof value}`, name);
  return value;
}

/** An enum-like string argument mapped to its proto enum name. */
export function enumArg<T extends string, P extends string>(name: string, value: T | undefined, fallback: T, names: Readonly<Record<T, P>>): P {
  const key = value ?? fallback;
  if (!Object.prototype.hasOwnProperty.call(names, key)) {
    throw invalid(`Expected one of ${Object.keys(names).map((k) => JSON.stringify(k)).join(', ')} for ${name} but received ${String(value)}`, name);
  }
  return names[key];
}

/** The TypeScript name of a proto enum value, or the raw value for validation to reject. */
export function enumName<T extends string>(value: unknown, names: Readonly<Record<T, string>>): T {
  const found = (Object.keys(names) as T[]).find((key) => names[key] === value);
  return found ?? forValidation<T>(value);
}

/** An object argument (params, spec, pattern...); anything else is refused naming it. */
export function objectArg<T extends object>(name: string, value: T): T {
  if (typeof value !== 'object' || value === null) throw invalid(`Expected an object for ${name} but received ${value === null ? 'null' : typeof value}`, name);
  return value;
}

/** A list argument (tensors). */
export function listArg<T>(name: string, value: readonly T[]): readonly T[] {
  if (!Array.isArray(value)) throw invalid(`Expected an array for ${name} but received ${typeof value}`, name);
  return value;
}
