import vm from 'node:vm';
import { compactTypedArrays, measurePlainData, PlainDataError } from './plain-data';

function problem(value: unknown, maxBytes = 1_000_000): { problem: string; message: string } | undefined {
  try {
    measurePlainData(value, maxBytes, 'args');
    return undefined;
  } catch (error) {
    if (!(error instanceof PlainDataError)) throw error;
    return { problem: error.problem, message: error.message };
  }
}

describe('measurePlainData', () => {
  it('accepts primitives, plain arrays, plain and null-prototype objects and tensor typed arrays', () => {
    const value = [null, undefined, true, 1.5, 'text', 12n, { a: [1, 2], b: Object.assign(Object.create(null), { c: 'd' }) }, new Float32Array(4), new BigInt64Array(2)];
    expect(problem(value)).toBeUndefined();
    expect(measurePlainData(new Float32Array(1000), 1e6)).toBe(8 + 4000);
  });

  it('recognises plain values from another realm (as Node IPC delivers them)', () => {
    const foreign = vm.runInNewContext('({ list: [1, 2], values: new Float32Array(3), inner: { ok: true } })');
    expect(problem(foreign)).toBeUndefined();
  });

  it.each([
    [() => undefined, /args\[0\] is a function/],
    [Symbol('s'), /args\[0\] is a symbol/],
    [new Date(0), /args\[0\] is not a plain object, array or typed array \(Date with its own prototype\)/],
    [new Map(), /args\[0\] is not a plain object.*\(Map/],
    [new (class Point {})(), /args\[0\] is not a plain object, array or typed array \(Object with its own prototype\)/],
    [Buffer.from([1]), /args\[0\] is a DataView, Buffer or typed array subclass/],
    [new DataView(new ArrayBuffer(4)), /args\[0\] is a DataView/],
    [new Uint8ClampedArray(2), /args\[0\] is a DataView, Buffer or typed array subclass/],
    [new Float32Array(new SharedArrayBuffer(8)), /args\[0\] is a typed array over shared memory/],
    [JSON.parse('{"__proto__": {"polluted": true}}'), /args\[0\]\.__proto__ is a key that could pollute prototypes/],
    [{ constructor: { prototype: {} } }, /args\[0\]\.constructor is a key that could pollute prototypes/],
    [{ [Symbol('k')]: 1 }, /args\[0\] has a symbol key/],
    [Object.defineProperty({}, 'x', { get: () => 1, enumerable: true }), /args\[0\]\.x is an accessor/],
    [Object.assign(['a'], { extra: 1 }), /args\[0\] is an array with an extra property extra/],
  ])('refuses %p', (item, message) => {
    expect(problem([item])).toEqual({ problem: 'not-plain', message: expect.stringMatching(message) });
  });

  it('refuses values nested deeper than 64 levels, including cycles', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(problem(cycle)?.message).toMatch(/nested deeper than 64 levels/);
  });

  it('refuses values larger than the limit, counting strings, typed arrays and every value', () => {
    expect(problem('x'.repeat(2000), 1000)).toEqual({ problem: 'too-large', message: expect.stringMatching(/larger than the limit of 1000 bytes/) });
    expect(problem(new Float64Array(200), 1000)?.problem).toBe('too-large');
    expect(problem(new Array(200).fill(0), 1000)?.problem).toBe('too-large');
    // A shared subtree counts each time it appears: what a handler expands is what it costs.
    let dag: unknown = [1];
    for (let i = 0; i < 40; i++) dag = [dag, dag];
    expect(problem(dag, 1_000_000)?.problem).toBe('too-large');
  });
});

describe('compactTypedArrays', () => {
  it('copies windows on larger buffers and leaves exact views alone', () => {
    const exact = new Float32Array([1, 2]);
    const window = new Float32Array(new ArrayBuffer(64), 8, 2);
    window.set([3, 4]);
    const compacted = compactTypedArrays({ exact, nested: [window] }) as { exact: Float32Array; nested: Float32Array[] };
    expect(compacted.exact).toBe(exact);
    expect(compacted.nested[0]?.buffer.byteLength).toBe(8);
    expect(Array.from(compacted.nested[0] ?? [])).toEqual([3, 4]);
  });
});
