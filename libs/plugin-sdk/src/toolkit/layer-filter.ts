import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { GraphView, NodeView } from '../context/model-api';

/** Which layers a compression plugin touches: op types, then node names to keep out or to limit it to. */
export interface LayerFilter {
  /** Op types of the default domain considered at all. */
  readonly opTypes: readonly string[];
  /** Node names; when non-empty, only these nodes are considered. */
  readonly include?: readonly string[];
  /** Node names never touched. */
  readonly exclude?: readonly string[];
}

/**
 * A predicate over the nodes of `view` for a filter. Names in include/exclude that are not nodes
 * of the model are a user error (a typo would otherwise silently change what gets compressed).
 */
export function layerFilter(view: GraphView, filter: LayerFilter): (node: NodeView) => boolean {
  const names = new Set(view.nodes.map((node) => node.name));
  for (const [list, key] of [
    [filter.include ?? [], 'include'],
    [filter.exclude ?? [], 'exclude'],
  ] as const) {
    const unknown = list.filter((name) => !names.has(name));
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 5).map((name) => `'${name}'`).join(', ');
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected node names of the model in ${key} but ${shown} ${unknown.length === 1 ? 'is' : 'are'} not in it`, {
        details: { field: key },
      });
    }
  }
  const opTypes = new Set(filter.opTypes);
  const include = new Set(filter.include ?? []);
  const exclude = new Set(filter.exclude ?? []);
  return (node) =>
    (node.domain === '' || node.domain === 'ai.onnx') &&
    opTypes.has(node.opType) &&
    node.name !== '' &&
    (include.size === 0 || include.has(node.name)) &&
    !exclude.has(node.name);
}
