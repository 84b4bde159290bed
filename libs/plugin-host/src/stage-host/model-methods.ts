/**
 * `ctx.model.*` on the host: reads and edits of the stage's OnnxModel through libs/onnx, with every
 * argument from the plugin checked first (arguments.ts). Multi-item edits (removeNodes,
 * setAttributes, removeWeights) check every item before changing anything. Errors from libs/onnx
 * (INVALID_ARGUMENT, NOT_FOUND, INVALID_MODEL) reach the plugin as they are.
 * Tests: model-methods.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { HostMethods } from '@edgepress/plugin-sdk/sandbox';
import { checkModel, dataTypeFromName, ensureOpset, getAttribute, removeUnused, type AttributeInput, type NodeProto } from '@edgepress/onnx';
import { describeValue, expectInteger, expectName, expectNameList, expectOneOf, expectOptions, expectRecord, invalidArgument } from './arguments';
import { attributeFromSdk } from './attributes';
import { buildGraphView } from './graph-view';
import { isSdkDataType, MAX_RANK, SDK_DATA_TYPES } from './sdk-tensors';
import type { StageModel } from './stage-model';

type ModelMethods = { [K in keyof HostMethods as K extends `model.${string}` ? K : never]: HostMethods[K] };

const MAX_ATTRIBUTES = 1000;
const MAX_OPSET = 1000;

function checkedAttributes(value: unknown, what: string, state: StageModel, node: NodeProto | undefined): [string, AttributeInput | null][] {
  const record = expectRecord(value, what, MAX_ATTRIBUTES);
  return Object.entries(record).map(([name, input]) => {
    expectName(name, `an attribute name in ${what}`);
    if (input === null && node !== undefined) return [name, null];
    return [name, attributeFromSdk(input, `${what}.${name}`, state.table, node === undefined ? undefined : getAttribute(node, name)?.type)];
  });
}

function checkedShape(value: unknown, what: string): (number | string | null)[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || value.length > MAX_RANK) throw invalidArgument(`Expected null or an array of at most ${MAX_RANK} dimensions for ${what} but received ${describeValue(value)}`);
  return value.map((dim, axis) => {
    if (dim === null || (typeof dim === 'number' && Number.isSafeInteger(dim) && dim >= 0)) return dim;
    if (typeof dim === 'string' && dim.length > 0 && dim.length <= 256) return dim;
    throw invalidArgument(`Expected a non-negative integer, a dimension name or null for ${what}[${axis}] but received ${describeValue(dim)}`);
  });
}

export function createModelMethods(state: StageModel): ModelMethods {
  const graph = () => state.model.graph;
  return {
    'model.graph': async () => buildGraphView(state.model, state.table, state.shapes),

    'model.addNode': async (spec: unknown) => {
      const checked = expectOptions(spec, 'addNode(spec)', ['opType', 'domain', 'name', 'inputs', 'outputs', 'attributes', 'before'], true);
      const opType = expectName(checked.opType, 'spec.opType');
      const domain = checked.domain === undefined ? undefined : expectName(checked.domain, 'spec.domain', { allowEmpty: true });
      const name = checked.name === undefined ? undefined : expectName(checked.name, 'spec.name');
      const inputs = expectNameList(checked.inputs, 'spec.inputs', { allowEmptyNames: true });
      const outputs = expectNameList(checked.outputs, 'spec.outputs', { allowEmptyNames: true });
      const attributes = checked.attributes === undefined ? [] : checkedAttributes(checked.attributes, 'spec.attributes', state, undefined);
      const before = checked.before === undefined ? undefined : graph().requireNode(expectName(checked.before, 'spec.before'));
      const node = graph().addNode({
        opType,
        domain: domain === 'ai.onnx' ? '' : domain,
        name,
        inputs,
        outputs,
        attributes: Object.fromEntries(attributes) as Record<string, AttributeInput>,
        before,
      });
      return node.name;
    },

    'model.removeNodes': async (names: unknown) => {
      const nodes = expectNameList(names, 'removeNodes(names)').map((name) => graph().requireNode(name));
      for (const node of new Set(nodes)) graph().removeNode(node);
    },

    'model.setAttributes': async (node: unknown, attributes: unknown) => {
      const target = graph().requireNode(expectName(node, 'setAttributes(node)'));
      const changes = checkedAttributes(attributes, 'setAttributes(attributes)', state, target);
      // Constant nodes in value_float(s)/value_int(s) form are read from the live attribute.
      state.table.detach(target);
      for (const [name, value] of changes) graph().setAttribute(target, name, value);
    },

    'model.setNodeInputs': async (node: unknown, inputs: unknown) => {
      graph().setNodeInputs(expectName(node, 'setNodeInputs(node)'), expectNameList(inputs, 'setNodeInputs(inputs)', { allowEmptyNames: true }));
    },

    'model.setNodeOutputs': async (node: unknown, outputs: unknown) => {
      graph().setNodeOutputs(expectName(node, 'setNodeOutputs(node)'), expectNameList(outputs, 'setNodeOutputs(outputs)', { allowEmptyNames: true }));
    },

    'model.setWeight': async (name: unknown, tensor: unknown, options: unknown) => {
      const weightName = expectName(name, 'setWeight(name)');
      const values = state.table.tensor(tensor, 'setWeight(tensor)');
      const checked = expectOptions(options, 'setWeight(options)', ['location']);
      const location = checked.location === undefined ? undefined : expectOneOf(checked.location, 'options.location', ['initializer', 'sparse-initializer'] as const);
      const named = { ...values, name: weightName };
      const existing = graph().weight(weightName);
      if (existing === undefined) {
        graph().addWeight(named, { location: location ?? 'initializer' });
        return;
      }
      state.table.detach(existing.tensor ?? existing.sparse ?? (existing.node as object));
      state.model.replaceWeight(existing, named, location === undefined ? undefined : { location });
    },

    'model.removeWeights': async (names: unknown) => {
      const refs = expectNameList(names, 'removeWeights(names)').map((name) => {
        const ref = graph().weight(name);
        if (ref === undefined) throw new EdgepressError(ErrorCode.NOT_FOUND, `No weight named '${name}' in the main graph`);
        return ref;
      });
      const done = new Set<string>();
      for (const ref of refs) {
        if (done.has(ref.name)) continue;
        done.add(ref.name);
        state.model.removeWeight(ref);
      }
    },

    'model.replaceUses': async (from: unknown, to: unknown, options: unknown) => {
      const checked = expectOptions(options, 'replaceUses(options)', ['exceptNodes']);
      const exceptNodes = checked.exceptNodes === undefined ? undefined : expectNameList(checked.exceptNodes, 'options.exceptNodes');
      return graph().replaceAllUses(expectName(from, 'replaceUses(from)'), expectName(to, 'replaceUses(to)'), { exceptNodes });
    },

    'model.uniqueName': async (prefix: unknown) => state.model.uniqueName(expectName(prefix, 'uniqueName(prefix)')),

    'model.ensureOpset': async (domain: unknown, version: unknown) => {
      const name = expectName(domain, 'ensureOpset(domain)', { allowEmpty: true });
      const wanted = expectInteger(version, 'ensureOpset(version)', 1, MAX_OPSET);
      const normalized = name === 'ai.onnx' ? '' : name;
      const current = state.model.opsetVersion(normalized);
      if (current !== undefined && current >= wanted) return;
      // Raising the default opset rewrites nodes: it works on a copy so that handles keep their values.
      const model = normalized === '' ? state.detachedCopy() : state.model;
      ensureOpset(model, normalized, wanted);
    },

    'model.setValueInfo': async (name: unknown, dataType: unknown, shape: unknown) => {
      const valueName = expectName(name, 'setValueInfo(name)');
      if (typeof dataType !== 'string' || !isSdkDataType(dataType)) {
        throw invalidArgument(`Expected setValueInfo(dataType) to be one of ${SDK_DATA_TYPES.join(', ')} but received ${describeValue(dataType)}`);
      }
      graph().setValueInfo(valueName, dataTypeFromName(dataType) as number, checkedShape(shape, 'setValueInfo(shape)'));
    },

    'model.removeUnused': async () => removeUnused(state.model),

    'model.check': async () => {
      const errors = checkModel(state.model).filter((issue) => issue.severity === 'error');
      if (errors.length === 0) return;
      const shown = errors.slice(0, 5).map((issue) => issue.message);
      const more = errors.length > shown.length ? ` (and ${errors.length - shown.length} more)` : '';
      throw new EdgepressError(ErrorCode.INVALID_MODEL, `The model has ${errors.length} structural error(s): ${shown.join('; ')}${more}`);
    },

    'model.snapshot': async () => state.snapshot(),

    'model.restore': async (snapshot: unknown) => state.restore(expectName(snapshot, 'restore(snapshot)')),
  };
}
