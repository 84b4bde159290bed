import { EdgepressError } from '@edgepress/errors';
import { invalidModel } from '../errors';
import type { OnnxModel } from '../model/onnx-model';
import { validateModelProto } from '../model/validate';
import { attributeValue } from './attributes';
import { describeNode, normalizeDomain } from './describe';
import type { ModelGraph } from './model-graph';
import { isTopologicallySorted, topologicalOrder } from './topology';

export type IssueCode =
  | 'invalid-tensor'
  | 'invalid-attribute'
  | 'missing-op-type'
  | 'missing-opset'
  | 'duplicate-value'
  | 'shadowed-value'
  | 'duplicate-node-name'
  | 'dangling-input'
  | 'missing-output'
  | 'cycle'
  | 'unsorted';

export interface ModelIssue {
  /** Errors make a model unusable (ONNX Runtime refuses it); warnings are worth fixing. */
  readonly severity: 'error' | 'warning';
  readonly code: IssueCode;
  readonly message: string;
  /** The graph ("graph 'main'", "subgraph 'body' (...)"). */
  readonly graph: string;
  readonly node?: string;
  readonly value?: string;
}

/**
 * Structural check of every graph: tensors valid, every node input and graph output defined
 * (in scope: this graph or an enclosing one), values defined once, no cycles, operator domains
 * imported. Returns the issues; assertValidModel throws on errors.
 */
export function checkModel(model: OnnxModel): ModelIssue[] {
  const issues: ModelIssue[] = [];
  try {
    validateModelProto(model.proto, model.limits);
  } catch (error) {
    if (!(error instanceof EdgepressError)) throw error;
    issues.push({ severity: 'error', code: 'invalid-tensor', message: error.message, graph: 'model' });
  }
  const imported = new Set(Object.keys(model.opsets()));
  for (const graph of model.graphs()) checkGraph(graph, imported, issues);
  return issues;
}

function checkGraph(graph: ModelGraph, imported: Set<string>, issues: ModelIssue[]): void {
  const where = graph.describe();
  const add = (severity: ModelIssue['severity'], code: IssueCode, message: string, extra: { node?: string; value?: string } = {}) =>
    issues.push({ severity, code, message: `${where}: ${message}`, graph: where, ...extra });

  const definedBy = new Map<string, string>();
  const define = (name: string, what: string) => {
    if (name === '') return;
    const previous = definedBy.get(name);
    if (previous !== undefined) add('error', 'duplicate-value', `value '${name}' is defined by ${previous} and by ${what}`, { value: name });
    else {
      definedBy.set(name, what);
      if (graph.parent?.scopeOf(name) !== undefined) add('warning', 'shadowed-value', `value '${name}' (${what}) shadows a value of an enclosing graph`, { value: name });
    }
  };
  const inputNames = new Set(graph.proto.input.map((input) => input.name));
  for (const input of graph.proto.input) define(input.name, 'a graph input');
  for (const tensor of graph.proto.initializer) if (!inputNames.has(tensor.name)) define(tensor.name, 'an initializer');
  for (const sparse of graph.proto.sparseInitializer) if (sparse.values !== undefined) define(sparse.values.name, 'a sparse initializer');

  const nodeNames = new Map<string, number>();
  for (const node of graph.proto.node) {
    const label = describeNode(node);
    if (node.opType === '') add('error', 'missing-op-type', `${label} has no op_type`, { node: node.name });
    const domain = normalizeDomain(node.domain);
    if (node.opType !== '' && !imported.has(domain)) add('error', 'missing-opset', `${label} uses domain '${domain}', which the model does not import`, { node: node.name });
    if (node.name !== '') nodeNames.set(node.name, (nodeNames.get(node.name) ?? 0) + 1);
    for (const attribute of node.attribute) {
      try {
        attributeValue(attribute);
      } catch (error) {
        add('error', 'invalid-attribute', `${label}: ${(error as Error).message}`, { node: node.name });
      }
    }
    for (const output of node.output) define(output, label);
  }
  for (const [name, count] of nodeNames) {
    if (count > 1) add('warning', 'duplicate-node-name', `${count} nodes are named '${name}'`, { node: name });
  }
  const visible = (name: string) => definedBy.has(name) || graph.parent?.scopeOf(name) !== undefined;
  for (const node of graph.proto.node) {
    for (const input of node.input) {
      if (input !== '' && !visible(input)) add('error', 'dangling-input', `${describeNode(node)} reads '${input}', which nothing defines`, { node: node.name, value: input });
    }
  }
  for (const output of graph.proto.output) {
    if (!visible(output.name)) add('error', 'missing-output', `output '${output.name}' is not produced`, { value: output.name });
  }
  try {
    topologicalOrder(graph);
    if (!isTopologicallySorted(graph)) add('warning', 'unsorted', 'nodes are not in topological order (sortTopologically fixes it)');
  } catch (error) {
    if (!(error instanceof EdgepressError)) throw error;
    add('error', 'cycle', error.message.replace(`${where} `, ''));
  }
}

/** Throws INVALID_MODEL listing the errors checkModel finds; returns the warnings. */
export function assertValidModel(model: OnnxModel): ModelIssue[] {
  const issues = checkModel(model);
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map((issue) => issue.message).join('; ');
    const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
    throw invalidModel(`Model has ${errors.length} structural error${errors.length === 1 ? '' : 's'}: ${shown}${more}`, {
      issues: errors.slice(0, 50),
    });
  }
  return issues;
}
