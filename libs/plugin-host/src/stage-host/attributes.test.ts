import { ErrorCode } from '@edgepress/errors';
import { getAttribute, readModel, type NodeProto } from '@edgepress/onnx';
import { buildModel } from '../../test/stage-host/models';
import { attributeFromSdk, attributesToSdk } from './attributes';
import { TensorTable } from './tensor-table';

let model: ReturnType<typeof readModel>;

beforeAll(() => {
  model = readModel(
    buildModel(`
nodes = [
  helper.make_node('Slice', ['x', 'starts', 'ends'], ['s'], name='slice'),
  helper.make_node('ConstantOfShape', ['shape'], ['filled'], name='fill', value=helper.make_tensor('v', TensorProto.FLOAT, [1], [2.5])),
  helper.make_node('LeakyRelu', ['s'], ['y'], name='leaky', alpha=0.25),
  helper.make_node('Cast', ['filled'], ['z'], name='cast', to=TensorProto.INT32),
]
model = finish(nodes, [helper.make_tensor_value_info('x', TensorProto.FLOAT, [4]), helper.make_tensor_value_info('shape', TensorProto.INT64, [1])],
  [helper.make_tensor_value_info('y', TensorProto.FLOAT, [3]), helper.make_tensor_value_info('z', TensorProto.INT32, ['n'])],
  [init('starts', np.array([1], np.int64)), init('ends', np.array([9223372036854775807], np.int64))])
model.graph.node[0].attribute.append(helper.make_attribute('note', 'héllo'))
model.graph.node[0].attribute.append(helper.make_attribute('big', [9223372036854775807, -9223372036854775808]))
`),
  );
});

const node = (name: string) => model.graph.node(name) as NodeProto;

describe('attribute conversion', () => {
  it('shows attributes as SDK values: numbers, decoded strings, tensor handles', () => {
    const table = new TensorTable({ maxTensorBytes: 1024, maxTensors: 10 });
    expect(attributesToSdk(node('leaky'), model, table)).toEqual({ alpha: { type: 'float', value: 0.25 } });
    expect(attributesToSdk(node('cast'), model, table)).toEqual({ to: { type: 'int', value: 6 } });
    expect(attributesToSdk(node('slice'), model, table)).toEqual({ note: { type: 'string', value: 'héllo' }, big: { type: 'ints', value: [2 ** 63, -(2 ** 63)] } });
    const fill = attributesToSdk(node('fill'), model, table).value as { type: 'tensor'; value: { id: string } };
    expect(fill.type).toBe('tensor');
    expect(Array.from(table.tensor(fill.value, 'value').data as Float32Array)).toEqual([2.5]);
  });

  it('turns SDK inputs into ONNX attributes, clamping int64 and keeping floats floats', () => {
    const table = new TensorTable({ maxTensorBytes: 1024, maxTensors: 10 });
    expect(attributeFromSdk(3, 'a', table)).toEqual({ type: 'int', value: 3n });
    expect(attributeFromSdk(3, 'a', table, 'float')).toEqual({ type: 'float', value: 3 });
    expect(attributeFromSdk(0.5, 'a', table)).toEqual({ type: 'float', value: 0.5 });
    expect(attributeFromSdk(2 ** 63, 'a', table)).toEqual({ type: 'int', value: 2n ** 63n - 1n });
    expect(attributeFromSdk([1, 2], 'a', table)).toEqual({ type: 'ints', value: [1n, 2n] });
    expect(attributeFromSdk([1, 2], 'a', table, 'floats')).toEqual({ type: 'floats', value: [1, 2] });
    expect(attributeFromSdk([1, 2.5], 'a', table)).toEqual({ type: 'floats', value: [1, 2.5] });
    expect(attributeFromSdk(['a', 'b'], 'a', table)).toEqual({ type: 'strings', value: ['a', 'b'] });
    expect(attributeFromSdk({ type: 'float', value: 1 }, 'a', table)).toEqual({ type: 'float', value: 1 });
    const handle = table.add(model.readWeight('ends'));
    const tensor = attributeFromSdk({ type: 'tensor', value: handle }, 'a', table);
    expect(tensor.type).toBe('tensor');
    expect(getAttribute(node('slice'), 'big')?.type).toBe('ints');
  });

  it.each([
    [{ type: 'int', value: 1.5 }, /integer/],
    [{ type: 'ints', value: [1, 'x'] }, /numbers/],
    [{ type: 'graph' }, /type/],
    [[1, 'a'], /numbers/],
    [null, /options object/],
    [{ type: 'tensor', value: { id: 't404', dataType: 'float', dims: [] } }, /t404/],
  ])('refuses %p', (value, message) => {
    const table = new TensorTable({ maxTensorBytes: 1024, maxTensors: 10 });
    expect(() => attributeFromSdk(value, 'attr', table)).toThrow(expect.objectContaining({ code: expect.stringMatching(/INVALID_ARGUMENT|NOT_FOUND/), message: expect.stringMatching(message) }));
    expect(ErrorCode.INVALID_ARGUMENT).toBe('INVALID_ARGUMENT');
  });
});
