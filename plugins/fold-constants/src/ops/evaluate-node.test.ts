import type { NodeView } from '@edgepress/plugin-sdk';
import { NotFoldable, type ConstTensor } from '../const-tensor';
import { evaluateNode } from './evaluate-node';

const node = (opType: string, attributes: NodeView['attributes'] = {}): NodeView => ({ name: opType, opType, domain: '', inputs: [], outputs: ['y'], attributes });
const f32 = (dims: number[], ...values: number[]): ConstTensor => ({ dataType: 'float', dims, values: Float32Array.from(values) });
const i64 = (dims: number[], ...values: number[]): ConstTensor => ({ dataType: 'int64', dims, values: BigInt64Array.from(values.map(BigInt)) });
const i32 = (dims: number[], ...values: number[]): ConstTensor => ({ dataType: 'int32', dims, values: Int32Array.from(values) });
const list = (tensor: ConstTensor) => Array.from(tensor.values as ArrayLike<number | bigint>);
const run = (op: string, inputs: (ConstTensor | undefined)[], attributes: NodeView['attributes'] = {}, opset = 13) => evaluateNode(node(op, attributes), inputs, opset)[0];

describe('evaluateNode edge cases (expected values from the ONNX operator spec)', () => {
  it('integer Div truncates toward zero; int32 Mul wraps; int64 arithmetic stays exact', () => {
    expect(list(run('Div', [i64([2], -7, 7), i64([1], 2)]))).toEqual([-3n, 3n]);
    expect(list(run('Mul', [i32([1], 65536), i32([1], 65537)]))).toEqual([65536]);
    expect(list(run('Add', [i64([1], 2 ** 53), i64([1], 1)]))).toEqual([2n ** 53n + 1n]);
  });

  it('float32 results are rounded once from exact float64 arithmetic', () => {
    const third = run('Div', [f32([1], 1), f32([1], 3)]).values as Float32Array;
    expect(third[0]).toBe(Math.fround(1 / 3));
    expect((run('Sqrt', [f32([1], 2)]).values as Float32Array)[0]).toBe(Math.fround(Math.SQRT2));
  });

  it('refuses what is undefined or not reproducible', () => {
    expect(() => run('Div', [i64([1], 1), i64([1], 0)])).toThrow(NotFoldable);
    expect(() => run('Min', [f32([1], NaN), f32([1], 1)])).toThrow(NotFoldable);
    expect(() => run('Cast', [f32([1], 3e9)], { to: { type: 'int', value: 6 } })).toThrow(/out of range/);
    expect(() => run('Cast', [f32([1], NaN)], { to: { type: 'int', value: 7 } })).toThrow(/NaN/);
    expect(() => run('Cast', [f32([1], 1)], { to: { type: 'int', value: 10 } })).toThrow(/type 10/);
    expect(() => run('Range', [f32([], 0), f32([], 1), f32([], 0.1)])).toThrow(/float accumulation/);
    expect(() => run('Pow', [f32([1], 2), f32([1], 2)])).toThrow(/not evaluated/);
  });

  it('Cast float -> int truncates, -> bool tests non-zero', () => {
    expect(list(run('Cast', [f32([3], -2.7, 2.7, 0.5)], { to: { type: 'int', value: 6 } }))).toEqual([-2, 2, 0]);
    expect(list(run('Cast', [f32([3], -0.5, 0, 2)], { to: { type: 'int', value: 9 } }))).toEqual([1, 0, 1]);
  });

  it('Slice: negative steps, INT64 end markers, and the opset-1 attribute form', () => {
    const data = i64([5], 0, 1, 2, 3, 4);
    const min = -(2 ** 63);
    expect(list(run('Slice', [data, i64([1], -1), { dataType: 'int64', dims: [1], values: BigInt64Array.of(BigInt(min)) }, undefined, i64([1], -2)]))).toEqual([4n, 2n, 0n]);
    expect(list(run('Slice', [data, i64([1], 1), { dataType: 'int64', dims: [1], values: BigInt64Array.of(2n ** 63n - 1n) }]))).toEqual([1n, 2n, 3n, 4n]);
    expect(list(run('Slice', [data], { starts: { type: 'ints', value: [-2] }, ends: { type: 'ints', value: [100] } }, 9))).toEqual([3n, 4n]);
  });

  it('Gather with negative indices, Transpose, Concat, Unsqueeze by attribute (opset 11)', () => {
    const m = f32([2, 3], 1, 2, 3, 4, 5, 6);
    expect(list(run('Gather', [m, i64([2], -1, 0)], { axis: { type: 'int', value: 1 } }))).toEqual([3, 1, 6, 4]);
    expect(run('Transpose', [m])).toEqual(f32([3, 2], 1, 4, 2, 5, 3, 6));
    expect(run('Concat', [m, m], { axis: { type: 'int', value: -1 } }).dims).toEqual([2, 6]);
    expect(run('Unsqueeze', [m], { axes: { type: 'ints', value: [0, -1] } }, 11).dims).toEqual([1, 2, 3, 1]);
  });
});
