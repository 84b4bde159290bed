import { create, type MessageInitShape } from '@bufbuild/protobuf';
import fs from 'node:fs';
import { graph, modelBytes } from '../../test/fixtures/build-model';
import { expectInvalidModel, thrownError } from '../../test/fixtures/expect-error';
import { PP_OCR_CLS } from '../../test/fixtures/real-models';
import { bytes, FIELD, lengthDelimited, modelAround, stringField, tag, varint, varintField } from '../../test/fixtures/wire';
import {
  SparseTensorProtoSchema,
  StringStringEntryProtoSchema,
  TensorProto_SegmentSchema,
  TensorProtoSchema,
  type TensorProto,
} from '../gen/onnx_pb';
import { makeValueInfo } from '../graph/value-info';
import { DataType } from '../tensor/data-types';
import { readModel } from './read';

/**
 * The malformed-model corpus of trust boundary 2: every input here must be refused with
 * EdgepressError INVALID_MODEL, with a message that says what is wrong and names the tensor or
 * node where there is one. External-data cases that need files live in external-data.test.ts.
 */
function tensor(init: MessageInitShape<typeof TensorProtoSchema>): TensorProto {
  return create(TensorProtoSchema, init);
}

function withInitializer(init: TensorProto): Uint8Array {
  return modelBytes(graph({ nodes: [{ op: 'Identity', inputs: [init.name], outputs: ['y'] }], outputs: [['y', 1, null]], initializers: [init] }));
}

function withConstant(value: TensorProto): Uint8Array {
  return modelBytes(graph({ nodes: [{ op: 'Constant', inputs: [], outputs: ['k'], name: 'const_node', attributes: { value: { type: 'tensor', value } } }], outputs: [['k', 1, null]] }));
}

const f32 = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

const real = new Uint8Array(fs.readFileSync(PP_OCR_CLS));

describe('malformed models are refused with INVALID_MODEL', () => {
  describe('bytes that are not a ModelProto', () => {
    it.each([
      ['empty input', new Uint8Array(0), /empty/],
      ['a real model cut in half', real.subarray(0, real.length >> 1), /Malformed protobuf.*(bytes long but only \d+ remain|runs past|ends inside)/],
      ['a real model cut after one byte', real.subarray(0, 1), /Malformed protobuf/],
      ['random garbage', Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24), /Malformed protobuf|wire type/],
      ['a tag with field number 0', bytes([0x00, 0x01]), /field number 0/],
      ['wire type 7', bytes(tag(99, 7)), /invalid wire type 7/],
      ['a varint longer than 10 bytes', bytes(tag(1, 0), new Array(11).fill(0xff)), /varint is longer than 10 bytes/],
      ['a length beyond the end', bytes(tag(7, 2), varint(1000), [1, 2, 3]), /1000 bytes long but only 3 remain/],
      ['a length above 2^32', bytes(tag(7, 2), varint(2n ** 40n)), /too long/],
      ['a known field with the wrong wire type', bytes(tag(FIELD.model.graph, 0), varint(5)), /field 'graph' has wire type 0, expected 2/],
      ['an end-group tag without its start', bytes(tag(9, 4)), /no matching start/],
      ['an unknown group that never closes', bytes(tag(99, 3), varintField(1, 1)), /group is not closed/],
      ['a packed float field of 5 bytes', modelAround(lengthDelimited(FIELD.graph.initializer, lengthDelimited(FIELD.tensor.floatData, [0, 0, 0, 0, 0]))), /not a multiple of 4/],
      ['a packed varint field ending inside a varint', modelAround(lengthDelimited(FIELD.graph.initializer, lengthDelimited(FIELD.tensor.dims, [0x81]))), /ends inside a varint/],
      ['a ModelProto without a graph', bytes(varintField(1, 8)), /no graph/],
    ])('%s', (_, input, pattern) => {
      expectInvalidModel(() => readModel(input), pattern);
    });
  });

  describe('nesting', () => {
    /** Subgraphs nested `levels` deep: Model > Graph > (Node > Attribute > Graph) x levels. */
    function nestedIfs(levels: number): Uint8Array {
      let inner = stringField(FIELD.graph.name, 'leaf');
      for (let i = 0; i < levels; i++) {
        const attribute = [...stringField(FIELD.attribute.name, 'then_branch'), ...varintField(FIELD.attribute.type, 5), ...lengthDelimited(FIELD.attribute.g, inner)];
        const node = [...stringField(FIELD.node.opType, 'If'), ...stringField(FIELD.node.name, `if_${i}`), ...lengthDelimited(FIELD.node.attribute, attribute)];
        inner = [...stringField(FIELD.graph.name, `g${i}`), ...lengthDelimited(FIELD.graph.node, node)];
      }
      return modelAround(inner);
    }

    it('parses subgraphs 30 levels deep (92 messages) under the default limit of 100', () => {
      expect(readModel(nestedIfs(30)).graphs()).toHaveLength(31);
    });

    it('refuses subgraphs 40 levels deep (122 messages) before the parser recurses', () => {
      expectInvalidModel(() => readModel(nestedIfs(40)), /deeper than limits.maxNestingDepth \(100\)/);
    });

    it('accepts them when the caller raises maxNestingDepth, up to a ceiling of 1000', () => {
      expect(readModel(nestedIfs(40), { limits: { maxNestingDepth: 200 } }).graphs()).toHaveLength(41);
      expect(thrownError(() => readModel(nestedIfs(1), { limits: { maxNestingDepth: 5000 } })).code).toBe('INVALID_ARGUMENT');
    });

    it('refuses a million nested unknown groups (2 bytes per level) without recursion', () => {
      const depth = 1_000_000;
      const input = new Uint8Array(depth * 2);
      input.fill(tag(9, 3)[0], 0, depth);
      input.fill(tag(9, 4)[0], depth);
      expectInvalidModel(() => readModel(input), /deeper than limits.maxNestingDepth/);
    });

    it('refuses deeply nested sequence types in a value_info', () => {
      let type: number[] = lengthDelimited(1, varintField(1, 1));
      for (let i = 0; i < 200; i++) type = lengthDelimited(4, lengthDelimited(1, type));
      const valueInfo = [...stringField(1, 'x'), ...lengthDelimited(2, type)];
      expectInvalidModel(() => readModel(modelAround(lengthDelimited(FIELD.graph.input, valueInfo))), /maxNestingDepth/);
    });
  });

  describe('sizes and counts above the caps', () => {
    it('refuses a model above maxModelBytes before parsing it', () => {
      expectInvalidModel(() => readModel(real, { limits: { maxModelBytes: 1000 } }), /above limits\.maxModelBytes \(1000\)/);
    });

    it('refuses more nodes than maxNodes (a megabyte of empty NodeProtos)', () => {
      const emptyNodes = new Array(500_000).fill(lengthDelimited(FIELD.graph.node, [])).flat();
      expectInvalidModel(() => readModel(modelAround(emptyNodes), { limits: { maxNodes: 100_000 } }), /more than limits\.maxNodes \(100000\)/);
    });

    it('refuses inputs whose parsed form would take more memory than maxParseMemoryBytes', () => {
      const strings = new Array(200_000).fill([...tag(6, 2), 0]).flat();
      const input = modelAround(lengthDelimited(FIELD.graph.initializer, [...varintField(FIELD.tensor.dataType, DataType.STRING), ...strings]));
      expectInvalidModel(() => readModel(input, { limits: { maxParseMemoryBytes: 8_000_000 } }), /maxParseMemoryBytes/);
    });

    it('refuses a tensor above maxTensorBytes, naming it', () => {
      const big = tensor({ name: 'big', dims: [1024n], dataType: DataType.FLOAT, rawData: new Uint8Array(4096) });
      expectInvalidModel(() => readModel(withInitializer(big), { limits: { maxTensorBytes: 1000 } }), /initializer 'big'.*above limits\.maxTensorBytes/);
    });

    it('counts the decoded size: a float16 tensor is capped at its float32 size', () => {
      const half = tensor({ name: 'half', dims: [400n], dataType: DataType.FLOAT16, rawData: new Uint8Array(800) });
      expectInvalidModel(() => readModel(withInitializer(half), { limits: { maxTensorBytes: 1000 } }), /'half'.* needs 1600 bytes/);
    });
  });

  describe('tensors whose header and data disagree', () => {
    it.each([
      ['a negative dimension', tensor({ name: 'neg', dims: [2n, -3n], dataType: DataType.FLOAT }), /'neg'.* has invalid dimensions: dimension 1 is negative/],
      ['a dimension above 2^53', tensor({ name: 'huge', dims: [2n ** 60n], dataType: DataType.FLOAT }), /'huge'.*overflows 2\^53/],
      ['an element count above 2^53', tensor({ name: 'wide', dims: [2n ** 30n, 2n ** 30n, 2n ** 30n], dataType: DataType.INT8 }), /'wide'.*element count.*overflows 2\^53/],
      ['a count within 2^53 but absurd bytes', tensor({ name: 'vast', dims: [2n ** 50n], dataType: DataType.DOUBLE }), /'vast'.*above limits\.maxTensorBytes/],
      ['raw_data shorter than the shape', tensor({ name: 'short', dims: [4n], dataType: DataType.FLOAT, rawData: f32([1, 2, 3]) }), /'short'.* has 12 bytes of raw_data but its shape \[4\] of float needs 16/],
      ['raw_data longer than the shape', tensor({ name: 'long', dims: [2n], dataType: DataType.FLOAT, rawData: f32([1, 2, 3]) }), /'long'.* has 12 bytes of raw_data.*needs 8/],
      ['an odd int4 count with too few bytes', tensor({ name: 'nibbles', dims: [5n], dataType: DataType.INT4, rawData: Uint8Array.of(1, 2) }), /'nibbles'.* has 2 bytes.*needs 3/],
      ['typed data with too few entries', tensor({ name: 'few', dims: [3n], dataType: DataType.FLOAT, floatData: [1, 2] }), /'few'.* has 2 entries in float_data.*needs 3/],
      ['values in the wrong typed field', tensor({ name: 'misplaced', dims: [2n], dataType: DataType.FLOAT, int64Data: [1n, 2n] }), /'misplaced'.* is float but holds its values in int64_data/],
      ['data in two places', tensor({ name: 'twice', dims: [1n], dataType: DataType.FLOAT, rawData: f32([1]), floatData: [1] }), /'twice'.* holds data in more than one place/],
      ['no data for a non-empty shape', tensor({ name: 'hollow', dims: [3n], dataType: DataType.FLOAT }), /'hollow'.* has no data but its shape \[3\] holds 3 elements/],
      ['an unknown data type', tensor({ name: 'alien', dims: [1n], dataType: 99, rawData: Uint8Array.of(0) }), /'alien'.* has unknown data type 99/],
      ['no data type', tensor({ name: 'untyped', dims: [1n], rawData: Uint8Array.of(0) }), /'untyped'.* has no data type/],
      ['a string tensor with raw_data', tensor({ name: 'text', dims: [1n], dataType: DataType.STRING, rawData: Uint8Array.of(65) }), /'text'.* is a string tensor with raw_data/],
      ['a segmented tensor', tensor({ name: 'piece', dims: [1n], dataType: DataType.FLOAT, rawData: f32([1]), segment: create(TensorProto_SegmentSchema, { begin: 0n, end: 1n }) }), /'piece'.* is a segmented tensor/],
    ])('%s (initializer and Constant value)', (_, bad, pattern) => {
      expectInvalidModel(() => readModel(withInitializer(bad)), pattern);
      expectInvalidModel(() => readModel(withConstant(bad)), /of Constant node 'const_node'/);
    });

    it('checks tensors inside subgraphs, naming the node that holds them', () => {
      const bad = tensor({ name: 'inner', dims: [2n], dataType: DataType.FLOAT, rawData: f32([1]) });
      const branch = graph({ name: 'then', nodes: [], outputs: [['inner', 1, null]], initializers: [bad] });
      const main = graph({ nodes: [{ op: 'If', name: 'choose', inputs: ['c'], outputs: ['y'], attributes: { then_branch: { type: 'graph', value: branch }, else_branch: { type: 'graph', value: branch } } }], inputs: [['c', 9, []]] });
      expectInvalidModel(() => readModel(modelBytes(main)), /initializer 'inner' of subgraph 'then' \(attribute 'then_branch' of If node 'choose'/);
    });
  });

  describe('sparse tensors and declared shapes', () => {
    const values = tensor({ name: 'sparse', dims: [2n], dataType: DataType.FLOAT, rawData: f32([1, 2]) });
    const withSparse = (indices: TensorProto | undefined, dims: bigint[]) => {
      const main = graph({ nodes: [{ op: 'Identity', inputs: ['sparse'], outputs: ['y'] }], outputs: [['y', 1, null]] });
      main.sparseInitializer.push(create(SparseTensorProtoSchema, { values, indices, dims }));
      return modelBytes(main);
    };

    it.each([
      ['indices of the wrong shape', tensor({ name: 'i', dims: [3n], dataType: DataType.INT64, int64Data: [0n, 1n, 2n] }), [4n], /sparse initializer 'sparse'.*indices of shape \[3\]; expected \[2\] or \[2, 1\]/],
      ['more values than the dense shape holds', tensor({ name: 'i', dims: [2n], dataType: DataType.INT64, int64Data: [0n, 1n] }), [1n], /has 2 values but its dense shape holds only 1/],
      ['no indices', undefined, [4n], /has 2 values but no indices/],
      ['a negative dense dimension', tensor({ name: 'i', dims: [2n], dataType: DataType.INT64, int64Data: [0n, 1n] }), [-4n], /sparse initializer 'sparse'.* has invalid dimensions/],
    ])('%s', (_, indices, dims, pattern) => {
      expectInvalidModel(() => readModel(withSparse(indices as TensorProto | undefined, dims as bigint[])), pattern);
    });

    it('refuses out-of-range indices when the weight is densified', () => {
      const model = readModel(withSparse(tensor({ name: 'i', dims: [2n], dataType: DataType.INT64, int64Data: [0n, 9n] }), [4n]));
      expectInvalidModel(() => model.readWeight('sparse'), /sparse-initializer 'sparse'.*index 9 outside \[0, 4\)/);
    });

    it('refuses a negative dimension in a declared input shape', () => {
      const main = graph({ nodes: [], inputs: [['x', 1, [1, 3]]], outputs: [['x', 1, null]] });
      main.input[0] = makeValueInfo('x', 1, [1, 3]);
      const dim = main.input[0].type?.value.value as { shape: { dim: { value: { case: string; value: bigint } }[] } };
      dim.shape.dim[1].value = { case: 'dimValue', value: -3n };
      expectInvalidModel(() => readModel(modelBytes(main)), /input 'x' of graph 'main' declares a negative dimension -3 at axis 1/);
    });
  });

  describe('external data references that leave the model folder (refused at read, before any file is touched)', () => {
    const external = (entries: [string, string][]) =>
      withInitializer(
        tensor({
          name: 'outside',
          dims: [1n],
          dataType: DataType.FLOAT,
          dataLocation: 1,
          externalData: entries.map(([key, value]) => create(StringStringEntryProtoSchema, { key, value })),
        }),
      );

    it.each([
      ['a parent folder', [['location', '../secret.bin']], /'outside'.*leaves the model's folder/],
      ['a parent folder in the middle', [['location', 'a/../../secret.bin']], /leaves the model's folder/],
      ['an absolute path', [['location', '/etc/passwd']], /absolute path/],
      ['a Windows drive', [['location', 'C:weights.bin']], /names a drive/],
      ['a backslash', [['location', '..\\secret.bin']], /backslash/],
      ['a NUL byte', [['location', 'w.bin\0.txt']], /NUL/],
      ['no location', [['offset', '0']], /no location/],
      ['a negative offset', [['location', 'w.bin'], ['offset', '-4']], /offset "-4"; expected a non-negative decimal integer/],
      ['a hexadecimal length', [['location', 'w.bin'], ['length', '0x10']], /length "0x10"/],
      ['an exponent offset', [['location', 'w.bin'], ['offset', '1e3']], /offset "1e3"/],
      ['an offset beyond 2^53', [['location', 'w.bin'], ['offset', '99999999999999999']], /offset/],
      ['a repeated key', [['location', 'w.bin'], ['location', 'x.bin']], /repeats external_data key 'location'/],
    ])('%s', (_, entries, pattern) => {
      expectInvalidModel(() => readModel(external(entries as [string, string][])), pattern);
    });
  });
});
