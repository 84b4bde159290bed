/**
 * Frames of one direction of a call: a header frame (`args` or `result`) followed by the chunks
 * of its streamed tensors. FrameSender produces them (re-iterable, for retries); FrameReceiver
 * consumes them, checking the order of frames and handing chunks to a TensorAssembler.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type * as protoLoader from '@grpc/proto-loader';
import { kernelsServiceDefinition, messageFields, shortTypeName } from '../proto';
import { locateTensors } from './schema-walk';
import { TensorAssembler, type ByteCaps } from './tensor-assembler';
import type { TensorWriter } from './tensor-writer';
import { chunksOf, type SharedResolver, type WireChunk } from './wire-tensor';

export type HeaderKind = 'args' | 'result';

interface Frame {
  frame?: string;
  args?: object | null;
  result?: object | null;
  chunk?: WireChunk | null;
}

/** The message types of the `args` and `result` frames of an RPC. */
export function frameTypes(rpc: string): { args: string; result: string } {
  const method = kernelsServiceDefinition[rpc] as unknown as protoLoader.MethodDefinition<object, object> | undefined;
  if (method === undefined) throw new Error(`kernels.proto has no RPC ${rpc}`);
  const typeOf = (wrapper: protoLoader.MessageTypeDefinition<object, object>, field: string): string => {
    const name = (wrapper.type as { name: string }).name;
    const found = messageFields(name).find((f) => f.name === field);
    if (found === undefined) throw new Error(`${name} has no ${field} frame`);
    return shortTypeName(found.typeName);
  };
  return { args: typeOf(method.requestType, 'args'), result: typeOf(method.responseType, 'result') };
}

/** The frames that carry one encoded message and its streamed tensors; iterable any number of times. */
export function frameSequence(kind: HeaderKind, message: object, writer: TensorWriter, chunkBytes: number): Iterable<object> {
  return {
    *[Symbol.iterator]() {
      yield { [kind]: message };
      for (const tensor of writer.streamed) {
        for (const chunk of chunksOf(tensor.id, tensor.bytes, chunkBytes)) yield { chunk };
      }
    },
  };
}

function protocolError(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details: { argument: 'frame' } });
}

export class FrameReceiver<M extends object> {
  private header: M | undefined;
  private assembler: TensorAssembler | undefined;

  constructor(
    private readonly kind: HeaderKind,
    private readonly typeName: string,
    private readonly caps: ByteCaps,
    /** Called once with the frame's total tensor bytes before anything is allocated; may throw. */
    private readonly reserve: (bytes: number) => void = () => undefined,
    /** Resolves tensors sent as shared-memory references (none may come without it). */
    private readonly shared?: SharedResolver,
  ) {}

  accept(frame: Frame): void {
    if (this.assembler === undefined) {
      const message = frame.frame === this.kind ? frame[this.kind] : undefined;
      if (message === undefined || message === null) {
        throw protocolError(`Expected the first frame to be ${this.kind} but received ${String(frame.frame)}`);
      }
      this.assembler = new TensorAssembler(locateTensors(this.typeName, message), this.caps, this.reserve, this.shared);
      this.header = message as M;
      return;
    }
    if (frame.frame !== 'chunk' || frame.chunk === undefined || frame.chunk === null) {
      throw protocolError(`Expected a chunk frame after ${this.kind} but received ${String(frame.frame)}`);
    }
    this.assembler.accept(frame.chunk);
  }

  /** The header message and its tensors, once the stream has ended. */
  finish(): { message: M; tensors: TensorAssembler } {
    if (this.assembler === undefined || this.header === undefined) {
      throw protocolError(`The stream ended before its ${this.kind} frame`);
    }
    this.assembler.expectComplete();
    return { message: this.header, tensors: this.assembler };
  }
}
