/**
 * Single-node ONNX models for the ONNX Runtime side of the benchmark, encoded at run time with
 * @bufbuild/protobuf's wire writer. Only the fields these models need are written; their numbers
 * are public facts of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, ...).
 */
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

export const ElemType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6 } as const;

export interface Initializer {
  name: string;
  elemType: number;
  dims: readonly number[];
  data: ArrayBufferView;
}

export interface GraphValue {
  name: string;
  elemType: number;
  /** Numbers, or strings for symbolic dimensions. */
  shape: readonly (number | string)[];
}

export interface SingleNodeModel {
  op: string;
  domain?: string;
  inputs: readonly string[];
  /** Attributes: integers only (all these operators need). */
  attributes?: Readonly<Record<string, number>>;
  graphInputs: readonly GraphValue[];
  initializers: readonly Initializer[];
  output: GraphValue;
  /** Opset of the default domain (com.microsoft gets version 1). */
  opset: number;
}

function message(writer: BinaryWriter, field: number, write: (w: BinaryWriter) => void): void {
  writer.tag(field, WireType.LengthDelimited).fork();
  write(writer);
  writer.join();
}

function valueInfo(w: BinaryWriter, value: GraphValue): void {
  w.tag(1, WireType.LengthDelimited).string(value.name);
  message(w, 2, (type) =>
    message(type, 1, (tensorType) => {
      tensorType.tag(1, WireType.Varint).int32(value.elemType);
      message(tensorType, 2, (shape) => {
        for (const dim of value.shape) {
          message(shape, 1, (d) => (typeof dim === 'number' ? d.tag(1, WireType.Varint).int64(dim) : d.tag(2, WireType.LengthDelimited).string(dim)));
        }
      });
    }),
  );
}

function tensor(w: BinaryWriter, init: Initializer): void {
  for (const dim of init.dims) w.tag(1, WireType.Varint).int64(dim);
  w.tag(2, WireType.Varint).int32(init.elemType);
  w.tag(8, WireType.LengthDelimited).string(init.name);
  w.tag(9, WireType.LengthDelimited).bytes(new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength));
}

/** The ModelProto bytes of a graph with one node. */
export function singleNodeModel(spec: SingleNodeModel): Uint8Array {
  const w = new BinaryWriter();
  w.tag(1, WireType.Varint).int64(8); // ir_version
  message(w, 8, (o) => o.tag(2, WireType.Varint).int64(spec.opset));
  if (spec.domain) {
    const domain = spec.domain;
    message(w, 8, (o) => o.tag(1, WireType.LengthDelimited).string(domain).tag(2, WireType.Varint).int64(1));
  }
  message(w, 7, (graph) => {
    message(graph, 1, (node) => {
      for (const input of spec.inputs) node.tag(1, WireType.LengthDelimited).string(input);
      node.tag(2, WireType.LengthDelimited).string(spec.output.name);
      node.tag(4, WireType.LengthDelimited).string(spec.op);
      for (const [name, value] of Object.entries(spec.attributes ?? {})) {
        message(node, 5, (a) => a.tag(1, WireType.LengthDelimited).string(name).tag(3, WireType.Varint).int64(value).tag(20, WireType.Varint).int32(2));
      }
      if (spec.domain) node.tag(7, WireType.LengthDelimited).string(spec.domain);
    });
    graph.tag(2, WireType.LengthDelimited).string('bench');
    for (const init of spec.initializers) message(graph, 5, (t) => tensor(t, init));
    for (const input of spec.graphInputs) message(graph, 11, (v) => valueInfo(v, input));
    message(graph, 12, (v) => valueInfo(v, spec.output));
  });
  return w.finish();
}
