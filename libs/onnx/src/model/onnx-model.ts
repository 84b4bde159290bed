import { create } from '@bufbuild/protobuf';
import { invalidArgument, invalidModel, notFound } from '../errors';
import { OperatorSetIdProtoSchema, type GraphProto, type ModelProto, type NodeProto, type TensorProto } from '../gen/onnx_pb';
import { normalizeDomain } from '../graph/describe';
import { ModelGraph } from '../graph/model-graph';
import { collectNames } from '../graph/names';
import { setWeight, type WeightPlacement } from '../graph/weight-placement';
import { listWeights, readWeight, removeWeight, weightInfo, type WeightInfo, type WeightRef } from '../graph/weights';
import type { Limits } from '../limits';
import type { Tensor } from '../tensor/tensor';

/**
 * An ONNX model opened for reading and editing. It wraps the parsed ModelProto: everything not
 * touched through the API stays exactly as it was read (unknown fields included), so an unchanged
 * model writes back byte for byte. Graphs, nodes and weights are addressable by name.
 */
export class OnnxModel {
  /** Bytes of externally stored tensors, once loaded (see loadExternalData). */
  readonly externalData = new Map<TensorProto, Uint8Array>();
  readonly graph: ModelGraph;
  private revisionCounter = 0;
  private readonly wrappers = new WeakMap<GraphProto, ModelGraph>();
  private nameCache: { revision: number; names: Set<string> } | undefined;
  private readonly reservedNames = new Set<string>();

  constructor(
    readonly proto: ModelProto,
    readonly limits: Limits,
  ) {
    if (proto.graph === undefined) throw invalidModel('Model has no graph');
    this.graph = new ModelGraph(this, proto.graph, undefined, undefined);
    this.wrappers.set(proto.graph, this.graph);
  }

  /** Increases with every edit; indexes compare it to know when to rebuild. */
  get revision(): number {
    return this.revisionCounter;
  }

  /** Call after editing the protos directly, so that lookups see the change. */
  invalidate(): void {
    this.revisionCounter++;
  }

  get irVersion(): number {
    return Number(this.proto.irVersion);
  }

  /** The wrapper of a graph proto that belongs to this model (subgraphs are wrapped on first use). */
  graphOf(proto: GraphProto, parent?: ModelGraph, node?: NodeProto, attribute?: string): ModelGraph {
    const known = this.wrappers.get(proto);
    if (known !== undefined && (parent === undefined || (known.parent === parent && known.owner?.node === node))) return known;
    if (parent === undefined || node === undefined || attribute === undefined) throw notFound(`Graph '${proto.name}' is not part of this model`);
    const wrapper = new ModelGraph(this, proto, parent, { node, attribute });
    this.wrappers.set(proto, wrapper);
    return wrapper;
  }

  /** The main graph and every nested subgraph, depth first. */
  graphs(): ModelGraph[] {
    const all: ModelGraph[] = [];
    const visit = (graph: ModelGraph) => {
      all.push(graph);
      for (const sub of graph.subgraphs()) visit(sub);
    };
    visit(this.graph);
    return all;
  }

  /** Opset version imported for a domain ('' or 'ai.onnx' for the default ONNX domain). */
  opsetVersion(domain = ''): number | undefined {
    const wanted = normalizeDomain(domain);
    const entry = this.proto.opsetImport.find((item) => normalizeDomain(item.domain) === wanted);
    return entry === undefined ? undefined : Number(entry.version);
  }

  opsets(): Record<string, number> {
    const result: Record<string, number> = {};
    for (const entry of this.proto.opsetImport) result[normalizeDomain(entry.domain)] = Number(entry.version);
    return result;
  }

  /** Sets a domain's imported version (no conversion: see raiseOpset for the default domain). */
  setOpsetVersion(domain: string, version: number): void {
    if (!Number.isSafeInteger(version) || version < 1) throw invalidArgument(`Expected a positive integer opset version but received ${version}`);
    const wanted = normalizeDomain(domain);
    const entry = this.proto.opsetImport.find((item) => normalizeDomain(item.domain) === wanted);
    if (entry !== undefined) entry.version = BigInt(version);
    else this.proto.opsetImport.push(create(OperatorSetIdProtoSchema, { domain: wanted, version: BigInt(version) }));
    this.invalidate();
  }

  /** Weights of every graph: initializers, sparse initializers and Constant nodes. */
  weights(): WeightRef[] {
    return this.graphs().flatMap((graph) => listWeights(graph));
  }

  /** The weight with this value name, searching the main graph first, then subgraphs. */
  weight(name: string): WeightRef | undefined {
    for (const graph of this.graphs()) {
      const found = listWeights(graph).find((weight) => weight.name === name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private resolveWeight(ref: WeightRef | string): WeightRef {
    if (typeof ref !== 'string') return ref;
    const found = this.weight(ref);
    if (found === undefined) throw notFound(`No weight named '${ref}' in the model`);
    return found;
  }

  weightInfo(ref: WeightRef | string): WeightInfo {
    return weightInfo(this.resolveWeight(ref));
  }

  readWeight(ref: WeightRef | string): Tensor {
    return readWeight(this.resolveWeight(ref));
  }

  /** Replaces a weight where it lives (see replaceWeight in graph/weights.ts), or moves it with `placement.location`. */
  replaceWeight(ref: WeightRef | string, tensor: Tensor, placement?: WeightPlacement): void {
    setWeight(this.resolveWeight(ref), tensor, placement);
  }

  removeWeight(ref: WeightRef | string): void {
    removeWeight(this.resolveWeight(ref));
  }

  /** The node with this name anywhere in the model (undefined when absent or not unique). */
  findNode(name: string): { graph: ModelGraph; node: NodeProto } | undefined {
    let found: { graph: ModelGraph; node: NodeProto } | undefined;
    for (const graph of this.graphs()) {
      for (const node of graph.nodes) {
        if (node.name !== name) continue;
        if (found !== undefined) return undefined;
        found = { graph, node };
      }
    }
    return found;
  }

  /**
   * A name not used anywhere in the model (values, nodes, graphs, functions), starting with
   * `prefix`; it is reserved, so the next call returns another one.
   */
  uniqueName(prefix: string): string {
    if (typeof prefix !== 'string' || prefix === '') throw invalidArgument('Expected a non-empty prefix for uniqueName');
    if (this.nameCache === undefined || this.nameCache.revision !== this.revision) {
      this.nameCache = { revision: this.revision, names: collectNames(this.proto) };
    }
    const used = this.nameCache.names;
    const taken = (name: string) => used.has(name) || this.reservedNames.has(name);
    let name = prefix;
    for (let i = 1; taken(name); i++) name = `${prefix}_${i}`;
    this.reservedNames.add(name);
    return name;
  }

  /** Gives every unnamed node a unique name (`<OpType>_<n>`), so that all nodes are addressable; returns how many. */
  ensureNodeNames(): number {
    let named = 0;
    const seen = new Set<string>();
    for (const graph of this.graphs()) {
      for (const node of graph.nodes) {
        if (node.name !== '' && !seen.has(node.name)) {
          seen.add(node.name);
          continue;
        }
        node.name = this.uniqueName(node.opType === '' ? 'node' : node.opType);
        seen.add(node.name);
        named++;
      }
    }
    if (named > 0) this.invalidate();
    return named;
  }
}
