import { invalidArgument } from '../errors';
import { encodeTensor, type TensorEncoding } from '../tensor/encode';
import { encodeSparseTensor } from '../tensor/sparse';
import type { Tensor } from '../tensor/tensor';
import type { ModelGraph } from './model-graph';
import { removeWeight, replaceWeight, type WeightLocation, type WeightRef } from './weights';

export interface WeightPlacement {
  /** Where the weight lives: an initializer (the default for new weights), a sparse initializer, or a Constant node. */
  readonly location?: WeightLocation;
  /** raw_data (default for new weights) or typed fields; replacing keeps the current one unless given. */
  readonly encoding?: TensorEncoding;
}

/** Adds a weight named `tensor.name` to a graph, where asked (a sparse one stores only the non-zero elements). */
export function addWeight(graph: ModelGraph, tensor: Tensor, placement: WeightPlacement = {}): void {
  const location = placement.location ?? 'initializer';
  const encoding = placement.encoding ?? 'raw';
  if (tensor.name === '') throw invalidArgument('A weight needs a name');
  const scope = graph.scopeOf(tensor.name);
  if (scope !== undefined) throw invalidArgument(`Value '${tensor.name}' is already defined in ${scope.describe()}`);
  switch (location) {
    case 'initializer':
      graph.addInitializer(tensor, encoding);
      return;
    case 'sparse-initializer':
      graph.proto.sparseInitializer.push(encodeSparseTensor(tensor, 'linear', encoding));
      graph.model.invalidate();
      return;
    case 'constant':
      graph.addNode({ opType: 'Constant', inputs: [], outputs: [tensor.name], attributes: { value: { type: 'tensor', value: encodeTensor({ ...tensor, name: '' }, encoding) } } });
      return;
    default:
      throw invalidArgument(`Expected 'initializer', 'sparse-initializer' or 'constant' for the weight location but received ${JSON.stringify(location)}`);
  }
}

/**
 * Replaces a weight's values; with a `location` other than the current one the weight moves
 * (keeping its name, its graph and a graph input that re-declares it), e.g. a pruned weight to a
 * sparse initializer.
 */
export function setWeight(weight: WeightRef, tensor: Tensor, placement: WeightPlacement = {}): void {
  const location = placement.location ?? weight.location;
  const renamed = tensor.name === weight.name ? tensor : { ...tensor, name: weight.name };
  if (location === weight.location) {
    replaceWeight(weight, renamed, placement.encoding);
    return;
  }
  removeWeight(weight, true);
  addWeight(weight.graph, renamed, { location, encoding: placement.encoding });
}
