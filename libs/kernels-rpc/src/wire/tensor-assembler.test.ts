/** What a lying peer can send in Tensor headers and chunks, and what it gets back. */
import { TensorAssembler } from './tensor-assembler';
import type { WireTensor } from './wire-tensor';

const caps = { maxTensorBytes: 1000, maxTotalBytes: 1500 };
const header = (fields: Partial<WireTensor>): WireTensor => ({ id: 0, dtype: 'DATA_TYPE_FLOAT32', shape: [4], byteLength: 16, data: new Uint8Array(0), ...fields });
const assemble = (...headers: WireTensor[]) => new TensorAssembler(headers.map((h, i) => ({ path: `t${i}`, header: h })), caps);
const error = (code: string, message: string) => expect.objectContaining({ code, message: expect.stringContaining(message) });

describe('TensorAssembler', () => {
  it('refuses unknown dtypes', () => {
    expect(() => assemble(header({ dtype: 'DATA_TYPE_UNSPECIFIED' }))).toThrow(error('INVALID_ARGUMENT', 'known dtype for t0'));
    expect(() => assemble(header({ dtype: 42 }))).toThrow(error('INVALID_ARGUMENT', 'known dtype'));
  });

  it('refuses a byte length that does not match dtype and shape', () => {
    expect(() => assemble(header({ byteLength: 15 }))).toThrow(error('INVALID_ARGUMENT', 'Expected t0 to hold 16 bytes'));
    expect(() => assemble(header({ dtype: 'DATA_TYPE_INT4', shape: [3], byteLength: 1 }))).toThrow(error('INVALID_ARGUMENT', 'hold 2 bytes'));
  });

  it('refuses shapes with negative or fractional entries', () => {
    expect(() => assemble(header({ shape: [-4], byteLength: 16 }))).toThrow(error('INVALID_ARGUMENT', 't0.shape'));
    expect(() => assemble(header({ shape: [1.5], byteLength: 6 }))).toThrow(error('INVALID_ARGUMENT', 't0.shape'));
  });

  it('refuses partial inline data', () => {
    expect(() => assemble(header({ data: new Uint8Array(8) }))).toThrow(error('INVALID_ARGUMENT', 'inline data of 16 bytes'));
  });

  it('answers RESOURCE_EXHAUSTED above the per-tensor and per-call caps, before allocating', () => {
    expect(() => assemble(header({ shape: [2 ** 40], byteLength: 2 ** 42 }))).toThrow(error('RESOURCE_EXHAUSTED', 'above the cap of 1000 bytes per tensor'));
    expect(() => assemble(header({ shape: [200], byteLength: 800 }), header({ id: 1, shape: [200], byteLength: 800 }))).toThrow(
      error('RESOURCE_EXHAUSTED', 'above the cap of 1500 bytes'),
    );
  });

  it('refuses duplicate or out-of-range ids', () => {
    expect(() => assemble(header({}), header({}))).toThrow(error('INVALID_ARGUMENT', 'each once'));
    expect(() => assemble(header({ id: 5 }))).toThrow(error('INVALID_ARGUMENT', 'has id 5'));
  });

  it('refuses chunks out of order, spilling over, empty, or after the end', () => {
    const a = assemble(header({}), header({ id: 1 }));
    expect(() => a.accept({ tensorId: 1, data: new Uint8Array(4) })).toThrow(error('INVALID_ARGUMENT', 'belong to t0'));
    expect(() => a.accept({ tensorId: 0, data: new Uint8Array(17) })).toThrow(error('INVALID_ARGUMENT', '1 to 16 bytes for t0'));
    expect(() => a.accept({ tensorId: 0, data: new Uint8Array(0) })).toThrow(error('INVALID_ARGUMENT', '1 to 16 bytes'));
    a.accept({ tensorId: 0, data: new Uint8Array(16) });
    a.accept({ tensorId: 1, data: new Uint8Array(16) });
    expect(a.complete).toBe(true);
    expect(() => a.accept({ tensorId: 1, data: new Uint8Array(1) })).toThrow(error('INVALID_ARGUMENT', 'after every tensor was complete'));
  });

  it('names the tensor whose bytes are missing when the stream ends early', () => {
    const a = assemble(header({}));
    a.accept({ tensorId: 0, data: new Uint8Array(10) });
    expect(() => a.expectComplete()).toThrow(error('INVALID_ARGUMENT', '6 bytes of t0 missing'));
  });

  it('lets the reservation refuse a frame before anything is allocated', () => {
    const refuse = (bytes: number): void => {
      throw new Error(`no room for ${bytes}`);
    };
    expect(() => new TensorAssembler([{ path: 'x', header: header({}) }], caps, refuse)).toThrow('no room for 16');
  });

  it('reads packed 4-bit tensors only as quantized tensors', () => {
    const h = header({ dtype: 'DATA_TYPE_INT4', shape: [3], byteLength: 2, data: new Uint8Array([0x21, 0x03]) });
    const a = assemble(h);
    expect(a.quantized(h)).toEqual({ type: 'int4', data: new Uint8Array([0x21, 0x03]), shape: [3] });
    expect(() => a.tensor(h)).toThrow(error('INVALID_ARGUMENT', 'dense tensor for t0'));
    const f = header({ data: new Uint8Array(16) });
    expect(() => assemble(f).quantized(f)).toThrow(error('INVALID_ARGUMENT', 'INT8, UINT8, INT4 or UINT4'));
  });

  it('returns undefined for an absent tensor, for the kernel validation to name', () => {
    expect(assemble().tensor(null)).toBeUndefined();
    expect(assemble().array(undefined)).toBeUndefined();
  });
});
