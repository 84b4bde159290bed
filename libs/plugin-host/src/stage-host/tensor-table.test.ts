import { ErrorCode } from '@edgepress/errors';
import { createTensor } from '@edgepress/onnx';
import { TensorTable } from './tensor-table';

const tensor = (values: number[]) => createTensor({ dataType: 'float', dims: [values.length], data: values });

describe('TensorTable', () => {
  it('hands out handles for data and resolves them by id, checking what they claim', () => {
    const table = new TensorTable({ maxTensorBytes: 1024, maxTensors: 10 });
    const handle = table.add(tensor([1, 2, 3]));
    expect(handle).toEqual({ id: 't1', dataType: 'float', dims: [3] });
    expect(Array.from(table.tensor(handle, 'x').data as Float32Array)).toEqual([1, 2, 3]);
    expect(table.bytes).toBe(12);
    expect(() => table.tensor({ ...handle, dims: [4] }, 'x')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT, message: expect.stringMatching(/holds float \[3\]/) }));
    expect(() => table.tensor({ ...handle, dataType: 'int8' }, 'x')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => table.tensor({ id: 't99', dataType: 'float', dims: [3] }, 'input')).toThrow(expect.objectContaining({ code: ErrorCode.NOT_FOUND, message: expect.stringMatching(/t99.*input/) }));
    expect(() => table.tensor('t1', 'x')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => table.tensor({ id: 'x'.repeat(100) }, 'x')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    table.release([handle.id, handle.id, 'unknown']);
    expect(table.bytes).toBe(0);
    expect(() => table.tensor(handle, 'x')).toThrow(expect.objectContaining({ code: ErrorCode.NOT_FOUND }));
  });

  it('caps the bytes and the number of tensors held', () => {
    const table = new TensorTable({ maxTensorBytes: 16, maxTensors: 3 });
    table.add(tensor([1, 2, 3]));
    expect(() => table.add(tensor([1, 2]))).toThrow(expect.objectContaining({ code: ErrorCode.RESOURCE_EXHAUSTED, message: expect.stringMatching(/maxTensorBytes/) }));
    table.add(tensor([1]));
    table.view({}, 1, [1000], () => tensor([0]));
    expect(() => table.view({}, 1, [1], () => tensor([0]))).toThrow(expect.objectContaining({ code: ErrorCode.RESOURCE_EXHAUSTED, message: expect.stringMatching(/maxTensors/) }));
  });

  it('reuses the handle of a view, decodes it lazily, and keeps its old values when detached before an edit', () => {
    const table = new TensorTable({ maxTensorBytes: 1024, maxTensors: 10 });
    const key = {};
    let current = [1, 2];
    let loads = 0;
    const load = () => {
      loads += 1;
      return tensor(current);
    };
    const handle = table.view(key, 1, [2], load);
    expect(table.view(key, 1, [2], load)).toBe(handle);
    expect(loads).toBe(0);
    expect(table.bytes).toBe(0);
    table.detach(key);
    current = [7, 7];
    expect(Array.from(table.tensor(handle, 'x').data as Float32Array)).toEqual([1, 2]);
    expect(table.bytes).toBe(8);
    const fresh = table.view(key, 1, [2], load);
    expect(fresh.id).not.toBe(handle.id);
    expect(Array.from(table.tensor(fresh, 'x').data as Float32Array)).toEqual([7, 7]);
  });

  it('refuses an edit whose old values it cannot keep under the cap', () => {
    const table = new TensorTable({ maxTensorBytes: 4, maxTensors: 10 });
    const key = {};
    const handle = table.view(key, 1, [2], () => tensor([1, 2]));
    expect(() => table.detach(key)).toThrow(expect.objectContaining({ code: ErrorCode.RESOURCE_EXHAUSTED, message: expect.stringMatching(/Release the handle/) }));
    table.release([handle.id]);
    expect(() => table.detach(key)).not.toThrow();
  });
});
