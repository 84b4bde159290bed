import { packInt4, unpackInt4 } from './int4';

describe('packed 4-bit integers', () => {
  it('puts the first element in the low nibble and pads an odd count with zero', () => {
    expect(Array.from(packInt4([1, 2, 3]))).toEqual([0x21, 0x03]);
    expect(Array.from(packInt4([-8, 7]))).toEqual([0x78]);
    expect(Array.from(packInt4([-1]))).toEqual([0x0f]);
  });

  it('unpacks signed values in [-8, 7] and unsigned in [0, 15]', () => {
    const signed = [-8, -1, 0, 1, 7, -5, 3];
    expect(Array.from(unpackInt4(packInt4(signed), signed.length, true))).toEqual(signed);
    const unsigned = [0, 15, 8, 7, 1];
    expect(Array.from(unpackInt4(packInt4(unsigned), unsigned.length, false))).toEqual(unsigned);
    expect(unpackInt4(Uint8Array.of(0xf0), 2, true)).toBeInstanceOf(Int8Array);
  });

  it('round-trips every pair of nibbles', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Array.from(packInt4(unpackInt4(all, 512, false)))).toEqual(Array.from(all));
  });

  it('refuses a buffer too short for the count', () => {
    expect(() => unpackInt4(Uint8Array.of(1), 3, true)).toThrow(/at least 2 packed bytes/);
  });
});
