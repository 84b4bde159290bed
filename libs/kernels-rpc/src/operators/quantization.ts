/** Codecs of the quantization operators (QuantizeLinear, DequantizeLinear, min/max, quantizeTensor). */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { QuantizeTensorOptions, Tensor } from '@edgepress/kernels-native';
import type { DequantizeLinearArgs, DequantizeLinearArgs__Output } from '../gen/edgepress/kernels/v1/DequantizeLinearArgs';
import type { DequantizeLinearResult, DequantizeLinearResult__Output } from '../gen/edgepress/kernels/v1/DequantizeLinearResult';
import type { QuantizeLinearArgs, QuantizeLinearArgs__Output } from '../gen/edgepress/kernels/v1/QuantizeLinearArgs';
import type { QuantizeLinearResult, QuantizeLinearResult__Output } from '../gen/edgepress/kernels/v1/QuantizeLinearResult';
import type { QuantizeTensorArgs, QuantizeTensorArgs__Output } from '../gen/edgepress/kernels/v1/QuantizeTensorArgs';
import type { QuantizeTensorResult, QuantizeTensorResult__Output } from '../gen/edgepress/kernels/v1/QuantizeTensorResult';
import type { TensorMinMaxArgs, TensorMinMaxArgs__Output } from '../gen/edgepress/kernels/v1/TensorMinMaxArgs';
import type { TensorMinMaxResult, TensorMinMaxResult__Output } from '../gen/edgepress/kernels/v1/TensorMinMaxResult';
import { defineOperator, forValidation, objectArg, present } from './operator-codec';
import { decodeParams, decodeQuantizedType, encodeAxis, encodeBlockSize, encodeParams, encodeQuantizedType } from './quantization-messages';

export const quantizeLinearCodec = defineOperator<'quantizeLinear', QuantizeLinearArgs, QuantizeLinearArgs__Output, QuantizeLinearResult, QuantizeLinearResult__Output>({
  method: 'quantizeLinear',
  rpc: 'QuantizeLinear',
  optionsIndex: 3,
  encodeArgs: (w, [x, type, params, options]) => ({
    x: w.tensor('x', x),
    type: encodeQuantizedType('type', type),
    params: encodeParams(w, 'params', params),
    reduceRange: options?.reduceRange === true,
  }),
  decodeArgs: (r, a, options) => [
    forValidation<Tensor<Float32Array>>(r.tensor(a.x)),
    decodeQuantizedType(a.type),
    decodeParams(r, a.params),
    { ...options, reduceRange: a.reduceRange },
  ],
  encodeResult: (w, y) => ({ y: w.quantized('y', y) }),
  decodeResult: (r, m) => present(r.quantized(m.y), 'y'),
  // A caller's `out` stays on the client: the result is copied into it, as in process.
  deliver: ([, , , options], y) => {
    const out = options?.out;
    if (out === undefined) return y;
    if (!ArrayBuffer.isView(out) || out.constructor !== y.data.constructor || out.length !== y.data.length) {
      throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Expected out to be a ${y.data.constructor.name} of ${y.data.length} bytes`, { details: { argument: 'out' } });
    }
    out.set(y.data);
    return { ...y, data: out };
  },
  outputInto: (params, allocate) => {
    const [x, type, quantization, options] = params;
    const count = Array.isArray(x?.shape) ? x.shape.reduce((a, b) => a * b, 1) : Number.NaN;
    const bytes = type === 'int4' || type === 'uint4' ? Math.ceil(count / 2) : count;
    // Arguments that kernels-native is about to reject get no room.
    const room = Number.isSafeInteger(bytes) && bytes > 0 ? allocate(bytes) : undefined;
    if (room === undefined) return params;
    const out = type === 'int8' ? new Int8Array(room.buffer, room.byteOffset, bytes) : room;
    return [x, type, quantization, { ...options, out }];
  },
});

export const dequantizeLinearCodec = defineOperator<'dequantizeLinear', DequantizeLinearArgs, DequantizeLinearArgs__Output, DequantizeLinearResult, DequantizeLinearResult__Output>({
  method: 'dequantizeLinear',
  rpc: 'DequantizeLinear',
  optionsIndex: 2,
  encodeArgs: (w, [q, params]) => ({ q: w.quantized('q', q), params: encodeParams(w, 'params', params) }),
  decodeArgs: (r, a, options) => [forValidation(r.quantized(a.q)), decodeParams(r, a.params), options],
  encodeResult: (w, y) => ({ y: w.tensor('y', y) }),
  decodeResult: (r, m) => present(r.tensor(m.y), 'y') as Tensor<Float32Array>,
});

export const tensorMinMaxCodec = defineOperator<'tensorMinMax', TensorMinMaxArgs, TensorMinMaxArgs__Output, TensorMinMaxResult, TensorMinMaxResult__Output>({
  method: 'tensorMinMax',
  rpc: 'TensorMinMax',
  optionsIndex: 2,
  encodeArgs: (w, [x, layout]) => {
    const l = objectArg('layout', layout ?? {});
    return { x: w.tensor('x', x), layout: { axis: encodeAxis('layout.axis', l.axis), blockSize: encodeBlockSize('layout.blockSize', l.blockSize) } };
  },
  decodeArgs: (r, a, options) => [
    forValidation(r.tensor(a.x)),
    a.layout === null ? {} : { axis: a.layout.axis, blockSize: a.layout.blockSize },
    options,
  ],
  encodeResult: (w, range) => ({ min: w.array('min', range.min), max: w.array('max', range.max) }),
  decodeResult: (r, m) => ({ min: present(r.array(m.min), 'min') as Float32Array, max: present(r.array(m.max), 'max') as Float32Array }),
});

export const quantizeTensorCodec = defineOperator<'quantizeTensor', QuantizeTensorArgs, QuantizeTensorArgs__Output, QuantizeTensorResult, QuantizeTensorResult__Output>({
  method: 'quantizeTensor',
  rpc: 'QuantizeTensor',
  optionsIndex: 2,
  encodeArgs: (w, [x, spec]) => {
    const s = objectArg('spec', spec);
    return {
      x: w.tensor('x', x),
      spec: {
        type: encodeQuantizedType('spec.type', s.type),
        symmetric: s.symmetric === true,
        reduceRange: s.reduceRange === true,
        axis: encodeAxis('spec.axis', s.axis),
        blockSize: encodeBlockSize('spec.blockSize', s.blockSize),
      },
    };
  },
  decodeArgs: (r, a, options) => [
    forValidation(r.tensor(a.x)),
    a.spec === null
      ? forValidation<QuantizeTensorOptions>(undefined)
      : { type: decodeQuantizedType(a.spec.type), symmetric: a.spec.symmetric, reduceRange: a.spec.reduceRange, axis: a.spec.axis, blockSize: a.spec.blockSize },
    options,
  ],
  encodeResult: (w, result) => ({ quantized: w.quantized('quantized', result.quantized), params: encodeParams(w, 'params', result.params) }),
  decodeResult: (r, m) => ({ quantized: present(r.quantized(m.quantized), 'quantized'), params: decodeParams(r, present(m.params, 'params')) }),
});
