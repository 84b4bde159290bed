/** Codecs of binary/ternary quantization with per-channel scales, and their dequantization. */
import type { SignQuantizedTensor, Tensor } from '@edgepress/kernels-native';
import type { DequantizeLinearResult, DequantizeLinearResult__Output } from '../gen/edgepress/kernels/v1/DequantizeLinearResult';
import type { DequantizeSignedArgs, DequantizeSignedArgs__Output } from '../gen/edgepress/kernels/v1/DequantizeSignedArgs';
import type { QuantizeBinaryArgs, QuantizeBinaryArgs__Output } from '../gen/edgepress/kernels/v1/QuantizeBinaryArgs';
import type { QuantizeTernaryArgs, QuantizeTernaryArgs__Output } from '../gen/edgepress/kernels/v1/QuantizeTernaryArgs';
import type { SignQuantizedTensor as SignMessage, SignQuantizedTensor__Output } from '../gen/edgepress/kernels/v1/SignQuantizedTensor';
import type { SignQuantizeResult, SignQuantizeResult__Output } from '../gen/edgepress/kernels/v1/SignQuantizeResult';
import type { TensorAssembler } from '../wire/tensor-assembler';
import type { TensorWriter } from '../wire/tensor-writer';
import { defineOperator, enumArg, enumName, forValidation, numberArg, objectArg, present } from './operator-codec';
import { encodeAxis } from './quantization-messages';

const KINDS = { binary: 'SIGN_KIND_BINARY', ternary: 'SIGN_KIND_TERNARY' } as const;

function encodeSign(w: TensorWriter, name: string, q: SignQuantizedTensor): SignMessage {
  const t = objectArg(name, q);
  return {
    kind: enumArg(`${name}.kind`, t.kind, t.kind, KINDS),
    codes: w.tensor(`${name}.codes`, { data: t.codes, shape: t.shape }),
    axis: encodeAxis(`${name}.axis`, t.axis),
    scale: w.array(`${name}.scale`, t.scale),
    threshold: w.array(`${name}.threshold`, t.threshold),
  };
}

function decodeSign(r: TensorAssembler, message: SignQuantizedTensor__Output | null): SignQuantizedTensor {
  if (message === null) return forValidation<SignQuantizedTensor>(undefined);
  const codes = r.tensor(message.codes);
  const threshold = r.array(message.threshold);
  return forValidation<SignQuantizedTensor>({
    kind: enumName(message.kind, KINDS),
    codes: codes?.data,
    shape: codes?.shape,
    scale: r.array(message.scale),
    ...(message.axis === undefined ? {} : { axis: message.axis }),
    ...(threshold === undefined ? {} : { threshold }),
  });
}

const encodeResult = (w: TensorWriter, q: SignQuantizedTensor): SignQuantizeResult => ({ q: encodeSign(w, 'q', q) });
const decodeResult = (r: TensorAssembler, m: SignQuantizeResult__Output): SignQuantizedTensor => decodeSign(r, present(m.q, 'q'));

export const quantizeBinaryCodec = defineOperator<'quantizeBinary', QuantizeBinaryArgs, QuantizeBinaryArgs__Output, SignQuantizeResult, SignQuantizeResult__Output>({
  method: 'quantizeBinary',
  rpc: 'QuantizeBinary',
  optionsIndex: 1,
  encodeArgs: (w, [x, options]) => ({ x: w.tensor('x', x), axis: encodeAxis('axis', options?.axis), scale: w.array('scale', options?.scale) }),
  decodeArgs: (r, a, options) => [forValidation(r.tensor(a.x)), forValidation({ ...options, axis: a.axis, scale: r.array(a.scale) })],
  encodeResult,
  decodeResult,
});

export const quantizeTernaryCodec = defineOperator<'quantizeTernary', QuantizeTernaryArgs, QuantizeTernaryArgs__Output, SignQuantizeResult, SignQuantizeResult__Output>({
  method: 'quantizeTernary',
  rpc: 'QuantizeTernary',
  optionsIndex: 1,
  encodeArgs: (w, [x, options]) => ({
    x: w.tensor('x', x),
    axis: encodeAxis('axis', options?.axis),
    scale: w.array('scale', options?.scale),
    thresholdRatio: options?.thresholdRatio === undefined ? undefined : numberArg('thresholdRatio', options.thresholdRatio),
    threshold: w.array('threshold', options?.threshold),
  }),
  decodeArgs: (r, a, options) => [
    forValidation(r.tensor(a.x)),
    forValidation({ ...options, axis: a.axis, scale: r.array(a.scale), thresholdRatio: a.thresholdRatio, threshold: r.array(a.threshold) }),
  ],
  encodeResult,
  decodeResult,
});

export const dequantizeSignedCodec = defineOperator<'dequantizeSigned', DequantizeSignedArgs, DequantizeSignedArgs__Output, DequantizeLinearResult, DequantizeLinearResult__Output>({
  method: 'dequantizeSigned',
  rpc: 'DequantizeSigned',
  optionsIndex: 1,
  encodeArgs: (w, [q]) => ({ q: encodeSign(w, 'q', q) }),
  decodeArgs: (r, a, options) => [decodeSign(r, a.q), options],
  encodeResult: (w, y) => ({ y: w.tensor('y', y) }),
  decodeResult: (r, m) => present(r.tensor(m.y), 'y') as Tensor<Float32Array>,
});
