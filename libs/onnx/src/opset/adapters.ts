import { constraintNotMet } from '../errors';
import type { NodeProto } from '../gen/onnx_pb';
import { getAttribute, getFloat, getFloats, getInt, getString, setAttributeValue } from '../graph/attributes';
import { describeNode } from '../graph/describe';
import type { ModelGraph } from '../graph/model-graph';
import type { ValueType } from '../graph/value-info';
import { DataType } from '../tensor/data-types';
import { createTensor } from '../tensor/tensor';

/**
 * Conversions of one node across one operator version change where the semantics changed
 * (attributes that became inputs, changed defaults, renamed or removed operators). Planning
 * checks everything and either refuses (CONSTRAINT_NOT_MET, nothing changed yet) or returns the
 * edit to apply. Every other version change of the default domain only added types or optional
 * attributes whose defaults keep the old behaviour, and needs no edit.
 */
export interface AdapterContext {
  readonly graph: ModelGraph;
  readonly node: NodeProto;
  readonly fromOpset: number;
  readonly toOpset: number;
  typeOf(value: string): ValueType | undefined;
}

export interface PlannedChange {
  readonly description: string;
  apply(): void;
  /** The node now has the operator's form at the target opset; later version steps do not apply. */
  readonly final?: boolean;
}

type Adapter = (context: AdapterContext) => PlannedChange | undefined;

function refuse(context: AdapterContext, reason: string): never {
  throw constraintNotMet(
    `Cannot raise the default opset from ${context.fromOpset} to ${context.toOpset}: ${describeNode(context.node)} ${reason}`,
    { node: context.node.name, opType: context.node.opType },
  );
}

/** Adds a constant as an initializer of the node's graph and makes it input `index`. */
function setConstantInput(context: AdapterContext, index: number, label: string, dataType: DataType, dims: number[], data: ArrayLike<number> | ArrayLike<bigint>): void {
  const { graph, node } = context;
  const name = graph.model.uniqueName(`${node.name || node.opType}_${label}`);
  graph.addInitializer(createTensor({ name, dataType, dims, data }));
  while (node.input.length <= index) node.input.push('');
  node.input[index] = name;
}

interface MovedAttribute {
  readonly attribute: string;
  readonly index: number;
  /** 'int64 list' for axes-like lists; 'scalar of input 0' for values typed like the data. */
  readonly kind: 'int64 list' | 'int64 scalar list' | 'float list' | 'float scalar' | 'scalar of input 0';
}

/** Attributes that became inputs (Squeeze axes, Slice starts/ends, Clip min/max, ...). Absent attributes stay absent inputs. */
function attributesToInputs(...moves: MovedAttribute[]): Adapter {
  return (context) => {
    const { node } = context;
    const present = moves.filter((move) => getAttribute(node, move.attribute) !== undefined);
    if (present.length === 0) return undefined;
    let dataType: number | undefined;
    if (present.some((move) => move.kind === 'scalar of input 0')) {
      dataType = context.typeOf(node.input[0] ?? '')?.elemType;
      if (dataType === undefined || dataType === 0) refuse(context, `has attribute(s) that must become inputs typed like its input '${node.input[0]}', whose element type is unknown`);
    }
    return {
      description: `attribute${present.length > 1 ? 's' : ''} ${present.map((move) => move.attribute).join(', ')} moved to inputs`,
      apply() {
        for (const move of present) {
          switch (move.kind) {
            case 'int64 list':
            case 'int64 scalar list': {
              const value = getAttribute(node, move.attribute);
              const items = value?.type === 'ints' ? value.value : value?.type === 'int' ? [value.value] : [];
              setConstantInput(context, move.index, move.attribute, DataType.INT64, [items.length], items);
              break;
            }
            case 'float list': {
              const items = getFloats(node, move.attribute) ?? [];
              setConstantInput(context, move.index, move.attribute, DataType.FLOAT, [items.length], items);
              break;
            }
            case 'float scalar':
              setConstantInput(context, move.index, move.attribute, DataType.FLOAT, [], [getFloat(node, move.attribute, 0)]);
              break;
            case 'scalar of input 0':
              setConstantInput(context, move.index, move.attribute, dataType as DataType, [], [getFloat(node, move.attribute, 0)]);
              break;
          }
          setAttributeValue(node, move.attribute, null);
        }
        context.graph.model.invalidate();
      },
    };
  };
}

/** Softmax/LogSoftmax/Hardmax before 13 flatten the input to 2-D at `axis` (default 1); from 13 they work along one axis (default -1). */
const coercedSoftmax: Adapter = (context) => {
  const { graph, node } = context;
  const axis = getInt(node, 'axis', 1);
  const rank = context.typeOf(node.input[0] ?? '')?.shape?.length;
  const normalized = rank === undefined ? undefined : axis < 0 ? axis + rank : axis;
  if (rank !== undefined && normalized === rank - 1) {
    return { description: `axis ${axis} is the last axis: kept, made explicit`, apply: () => graph.setAttribute(node, 'axis', { type: 'int', value: axis }) };
  }
  return {
    description: `axis ${axis} ${rank === undefined ? 'on an input of unknown rank' : `of a rank-${rank} input`}: wrapped in Flatten/Reshape to keep the 2-D semantics`,
    apply() {
      const input = node.input[0];
      const output = node.output[0];
      const model = graph.model;
      const flat = model.uniqueName(`${output}_flat`);
      const shape = model.uniqueName(`${output}_input_shape`);
      const result = model.uniqueName(`${output}_2d`);
      graph.addNode({ opType: 'Flatten', inputs: [input], outputs: [flat], attributes: { axis: { type: 'int', value: axis } }, before: node });
      graph.addNode({ opType: 'Shape', inputs: [input], outputs: [shape], before: node });
      graph.setNodeInputs(node, [flat]);
      node.output[0] = result;
      graph.setAttribute(node, 'axis', { type: 'int', value: 1 });
      graph.addNode({ opType: 'Reshape', inputs: [result, shape], outputs: [output], after: node });
    },
  };
};

function requireTarget(context: AdapterContext, minimum: number, what: string): void {
  if (context.toOpset < minimum) refuse(context, `can only be converted to ${what} for a target opset of ${minimum} or more`);
}

/** An empty roi input: required by Resize 11 and 12, ignored unless the mode is tf_crop_and_resize. */
function emptyRoi(context: AdapterContext): void {
  setConstantInput(context, 1, 'roi', DataType.FLOAT, [0], []);
}

/** Upsample (removed at 10) becomes Resize with the same (asymmetric, floor-nearest) sampling. */
const upsampleToResize: Adapter = (context) => {
  requireTarget(context, 11, 'Resize');
  const { node } = context;
  const mode = getString(node, 'mode', 'nearest');
  if (mode !== 'nearest' && mode !== 'linear' && mode !== 'bilinear') refuse(context, `has mode '${mode}', which Resize does not offer`);
  const scalesAttribute = getFloats(node, 'scales');
  if (context.fromOpset < 9 && scalesAttribute === undefined) refuse(context, 'has no scales');
  return {
    description: 'replaced by Resize (asymmetric coordinates, floor for nearest)',
    final: true,
    apply() {
      const scalesInput = node.input[1] ?? '';
      node.opType = 'Resize';
      node.input = [node.input[0]];
      emptyRoi(context);
      if (scalesAttribute !== undefined) setConstantInput(context, 2, 'scales', DataType.FLOAT, [scalesAttribute.length], scalesAttribute);
      else node.input[2] = scalesInput;
      setAttributeValue(node, 'scales', null);
      setAttributeValue(node, 'mode', { type: 'string', value: mode === 'nearest' ? 'nearest' : 'linear' });
      setAttributeValue(node, 'coordinate_transformation_mode', { type: 'string', value: 'asymmetric' });
      if (mode === 'nearest') setAttributeValue(node, 'nearest_mode', { type: 'string', value: 'floor' });
      context.graph.model.invalidate();
    },
  };
};

/** Constant values of a node input that is a weight (initializer or Constant) of its graph. */
function constantFloats(context: AdapterContext, value: string): number[] | undefined {
  const weight = context.graph.weight(value);
  if (weight === undefined) return undefined;
  return Array.from(context.graph.model.readWeight(weight).data as ArrayLike<number>, Number);
}

/**
 * Resize-10 samples like Upsample: asymmetric coordinates, and nearest rounds down when enlarging
 * (ONNX Runtime rounds up when shrinking, which no Resize-11 nearest_mode reproduces exactly, so
 * nearest Resize-10 is converted only when its scales are constant and none is below 1).
 */
const resize10To11: Adapter = (context) => {
  const { node } = context;
  const mode = getString(node, 'mode', 'nearest');
  if (mode === 'nearest') {
    const scales = constantFloats(context, node.input[1] ?? '');
    if (scales === undefined) refuse(context, 'is a nearest Resize-10 whose scales are not constant');
    if (scales.some((scale) => scale < 1)) refuse(context, 'is a nearest Resize-10 that shrinks, whose rounding Resize-11 cannot reproduce');
  }
  return {
    description: 'roi input added, asymmetric coordinates (and floor rounding for nearest) made explicit',
    apply() {
      const scales = node.input[1] ?? '';
      node.input = [node.input[0]];
      emptyRoi(context);
      node.input[2] = scales;
      setAttributeValue(node, 'coordinate_transformation_mode', { type: 'string', value: 'asymmetric' });
      if (mode === 'nearest') setAttributeValue(node, 'nearest_mode', { type: 'string', value: 'floor' });
      context.graph.model.invalidate();
    },
  };
};

const rename =
  (to: string, minimum: number): Adapter =>
  (context) => {
    requireTarget(context, minimum, to);
    return { description: `renamed to ${to}`, final: true, apply: () => ((context.node.opType = to), context.graph.model.invalidate()) };
  };

const refusing =
  (reason: string): Adapter =>
  (context) =>
    refuse(context, reason);

function outputUsed(context: AdapterContext, index: number): boolean {
  const name = context.node.output[index] ?? '';
  return name !== '' && context.graph.consumers(name).length > 0;
}

const INT64_LIST = 'int64 list' as const;

/** Keyed by `<op>@<version entered>`. */
export const ADAPTERS: ReadonlyMap<string, Adapter> = new Map<string, Adapter>([
  ['Upsample@9', attributesToInputs({ attribute: 'scales', index: 1, kind: 'float list' })],
  ['Upsample@10', upsampleToResize],
  ['Resize@11', resize10To11],
  ['Scatter@11', rename('ScatterElements', 11)],
  ['Slice@10', attributesToInputs({ attribute: 'starts', index: 1, kind: INT64_LIST }, { attribute: 'ends', index: 2, kind: INT64_LIST }, { attribute: 'axes', index: 3, kind: INT64_LIST })],
  ['TopK@10', attributesToInputs({ attribute: 'k', index: 1, kind: 'int64 scalar list' })],
  ['Pad@11', (context) => {
    if (getString(context.node, 'mode', 'constant') === 'constant') {
      return attributesToInputs({ attribute: 'pads', index: 1, kind: INT64_LIST }, { attribute: 'value', index: 2, kind: 'scalar of input 0' })(context);
    }
    const pads = attributesToInputs({ attribute: 'pads', index: 1, kind: INT64_LIST })(context);
    if (pads === undefined) return undefined;
    // Edge and reflect padding ignore `value`, which opset 11 no longer has as an attribute.
    return { description: pads.description, apply: () => (pads.apply(), setAttributeValue(context.node, 'value', null)) };
  }],
  ['Clip@11', attributesToInputs({ attribute: 'min', index: 1, kind: 'scalar of input 0' }, { attribute: 'max', index: 2, kind: 'scalar of input 0' })],
  ['Dropout@10', (context) => (outputUsed(context, 1) ? refuse(context, 'has its mask output read, and the mask changed type at opset 10') : undefined)],
  ['Dropout@12', attributesToInputs({ attribute: 'ratio', index: 1, kind: 'float scalar' })],
  ['BatchNormalization@9', (context) => {
    const spatial = getAttribute(context.node, 'spatial');
    if (spatial === undefined) return undefined;
    if (spatial.type === 'int' && spatial.value === 0n) refuse(context, 'has spatial=0 (per-element statistics), which opset 9 removed');
    return { description: 'spatial attribute dropped (its value 1 is the only behaviour from opset 9)', apply: () => context.graph.setAttribute(context.node, 'spatial', null) };
  }],
  ['BatchNormalization@14', (context) => (context.node.output.slice(1).some((output) => output !== '') ? refuse(context, 'produces training outputs, which changed at opset 14') : undefined)],
  ['Scan@9', refusing('is a Scan-8, whose batch axis opset 9 removed')],
  ['Softmax@13', coercedSoftmax],
  ['LogSoftmax@13', coercedSoftmax],
  ['Hardmax@13', coercedSoftmax],
  ['Squeeze@13', attributesToInputs({ attribute: 'axes', index: 1, kind: INT64_LIST })],
  ['Unsqueeze@13', attributesToInputs({ attribute: 'axes', index: 1, kind: INT64_LIST })],
  ['Split@13', attributesToInputs({ attribute: 'split', index: 1, kind: INT64_LIST })],
  ['ReduceSum@13', attributesToInputs({ attribute: 'axes', index: 1, kind: INT64_LIST })],
  ...['ReduceL1', 'ReduceL2', 'ReduceLogSum', 'ReduceLogSumExp', 'ReduceMax', 'ReduceMean', 'ReduceMin', 'ReduceProd', 'ReduceSumSquare'].map(
    (op): [string, Adapter] => [`${op}@18`, attributesToInputs({ attribute: 'axes', index: 1, kind: INT64_LIST })],
  ),
  ['RoiAlign@16', (context) =>
    getAttribute(context.node, 'coordinate_transformation_mode') !== undefined
      ? undefined
      : {
          description: "coordinate_transformation_mode set to 'output_half_pixel', the behaviour before opset 16",
          apply: () => context.graph.setAttribute(context.node, 'coordinate_transformation_mode', { type: 'string', value: 'output_half_pixel' }),
        }],
  ['GridSample@20', (context) => {
    const mode = getString(context.node, 'mode', 'bilinear');
    const renamed = mode === 'bilinear' ? 'linear' : mode === 'bicubic' ? 'cubic' : mode;
    if (renamed === mode || getAttribute(context.node, 'mode') === undefined) return undefined;
    return { description: `mode '${mode}' renamed '${renamed}'`, apply: () => context.graph.setAttribute(context.node, 'mode', { type: 'string', value: renamed }) };
  }],
  ['DFT@20', refusing('moved its axis and dft_length to inputs at opset 20, which is not converted')],
  ['GroupNormalization@21', refusing('changed the shape of scale and bias at opset 21, which is not converted')],
]);
