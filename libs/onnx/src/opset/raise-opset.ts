import { EdgepressError } from '@edgepress/errors';
import { constraintNotMet, invalidArgument } from '../errors';
import type { NodeProto } from '../gen/onnx_pb';
import { describeNode, normalizeDomain } from '../graph/describe';
import type { ModelGraph } from '../graph/model-graph';
import type { ValueType } from '../graph/value-info';
import type { OnnxModel } from '../model/onnx-model';
import { inferShapes } from '../summary/shape-inference';
import { ADAPTERS, type AdapterContext, type PlannedChange } from './adapters';
import { DEPRECATED_AT, irVersionForOpset, MAX_KNOWN_OPSET, OP_VERSIONS, schemaVersion } from './op-versions';

export interface OpsetChange {
  readonly node: string;
  readonly opType: string;
  /** Operator version entered by this change. */
  readonly version: number;
  readonly description: string;
}

export interface RaiseOpsetReport {
  readonly from: number;
  readonly to: number;
  readonly irVersionFrom: number;
  readonly irVersionTo: number;
  /** Nodes that were rewritten; every other node kept its form (its operator changed compatibly or not at all). */
  readonly changes: readonly OpsetChange[];
}

/** The oldest default-domain opset this converter starts from. */
export const MIN_SOURCE_OPSET = 7;

interface Planned {
  readonly node: NodeProto;
  readonly version: number;
  readonly change: PlannedChange;
}

function failure(from: number, to: number, node: NodeProto, reason: string): EdgepressError {
  return constraintNotMet(`Cannot raise the default opset from ${from} to ${to}: ${describeNode(node)} ${reason}`, { node: node.name, opType: node.opType });
}

/** Every version step of one node between the two opsets, with the edits the semantic changes need. */
function planNode(context: AdapterContext, plans: Planned[]): void {
  const { node, fromOpset, toOpset } = context;
  const current = schemaVersion(node.opType, fromOpset);
  if (current === undefined) {
    if (!OP_VERSIONS.has(node.opType)) throw failure(fromOpset, toOpset, node, `is not an operator of the default ONNX domain that this converter knows`);
    throw failure(fromOpset, toOpset, node, `does not exist at opset ${fromOpset}`);
  }
  const deprecated = DEPRECATED_AT.get(node.opType);
  const steps = (OP_VERSIONS.get(node.opType) as readonly number[]).filter((version) => version > current && version <= toOpset);
  if (deprecated !== undefined && deprecated > fromOpset && deprecated <= toOpset) steps.splice(0, steps.length, deprecated);
  for (const version of steps) {
    const adapter = ADAPTERS.get(`${node.opType}@${version}`);
    if (adapter === undefined) continue;
    const change = adapter(context);
    if (change === undefined) continue;
    plans.push({ node, version, change });
    if (change.final) return;
  }
}

/**
 * Raises the model's default-domain (ai.onnx) opset to `target`, converting the nodes whose
 * operator changed meaning on the way: attributes that became inputs (Squeeze/Unsqueeze axes,
 * Split, Slice, Clip, Pad, TopK, Dropout ratio, Reduce* axes), Softmax-family axis semantics,
 * Upsample and Resize-10 to Resize, Scatter to ScatterElements, RoiAlign and GridSample defaults.
 * Changes it cannot make safely are refused with CONSTRAINT_NOT_MET before anything is edited.
 * Also raises the IR version to what the opset needs. A target at or below the current opset
 * changes nothing.
 */
export function raiseOpset(model: OnnxModel, target: number): RaiseOpsetReport {
  if (!Number.isSafeInteger(target) || target < 1) throw invalidArgument(`Expected a positive integer opset but received ${target}`);
  const from = model.opsetVersion('');
  const irVersionFrom = model.irVersion;
  const unchanged = { from: from ?? target, to: from ?? target, irVersionFrom, irVersionTo: irVersionFrom, changes: [] };
  if (from !== undefined && target <= from) return unchanged;
  if (target > MAX_KNOWN_OPSET) throw constraintNotMet(`Cannot raise the default opset to ${target}: this converter knows operators up to opset ${MAX_KNOWN_OPSET}`);
  const graphs = model.graphs();
  const defaultNodes = (graph: ModelGraph) => graph.nodes.filter((node) => normalizeDomain(node.domain) === '');
  if (from === undefined) {
    if (graphs.some((graph) => defaultNodes(graph).length > 0)) throw constraintNotMet('The model uses default-domain operators without importing the default opset');
    model.setOpsetVersion('', target);
    return { ...unchanged, from: target, to: target };
  }
  if (from < MIN_SOURCE_OPSET) throw constraintNotMet(`Cannot raise the default opset from ${from}: converting from opsets below ${MIN_SOURCE_OPSET} is not supported`);

  const inferred = inferShapes(model).values;
  const plans: Planned[] = [];
  for (const graph of graphs) {
    const typeOf = (value: string): ValueType | undefined => (graph === model.graph ? (inferred.get(value) ?? graph.valueType(value)) : graph.valueType(value));
    for (const node of defaultNodes(graph)) planNode({ graph, node, fromOpset: from, toOpset: target, typeOf }, plans);
  }
  planFunctions(model, from, target);

  const changes = plans.map(({ node, version, change }) => {
    change.apply();
    return { node: node.name, opType: node.opType, version, description: change.description };
  });
  model.setOpsetVersion('', target);
  for (const fn of model.proto.functions) {
    for (const entry of fn.opsetImport) if (normalizeDomain(entry.domain) === '' && Number(entry.version) < target) entry.version = BigInt(target);
  }
  const irVersionTo = Math.max(irVersionFrom, irVersionForOpset(target));
  if (irVersionTo !== irVersionFrom) model.proto.irVersion = BigInt(irVersionTo);
  model.invalidate();
  return { from, to: target, irVersionFrom, irVersionTo, changes };
}

/** Model-local functions are raised only when none of their nodes needs a rewrite. */
function planFunctions(model: OnnxModel, from: number, target: number): void {
  for (const fn of model.proto.functions) {
    const entry = fn.opsetImport.find((item) => normalizeDomain(item.domain) === '');
    const fnFrom = entry === undefined ? from : Number(entry.version);
    for (const node of fn.node) {
      if (normalizeDomain(node.domain) !== '') continue;
      const current = schemaVersion(node.opType, fnFrom);
      const steps = (OP_VERSIONS.get(node.opType) ?? []).filter((version) => version > (current ?? 0) && version <= target);
      const needsRewrite = current === undefined || steps.some((version) => ADAPTERS.has(`${node.opType}@${version}`));
      if (needsRewrite) throw failure(from, target, node, `in function '${fn.name}' would need a rewrite, which is not done inside functions`);
    }
  }
}

/**
 * Makes sure a domain's opset is at least `version`: the default domain is raised with
 * raiseOpset (converting nodes); another domain's import is added or raised as is (no
 * conversions are known for custom domains).
 */
export function ensureOpset(model: OnnxModel, domain: string, version: number): RaiseOpsetReport | undefined {
  if (normalizeDomain(domain) === '') {
    const current = model.opsetVersion('');
    return current !== undefined && current >= version ? undefined : raiseOpset(model, version);
  }
  const current = model.opsetVersion(domain);
  if (current === undefined || current < version) model.setOpsetVersion(domain, version);
  return undefined;
}
