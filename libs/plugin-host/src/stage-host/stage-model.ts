/**
 * The model a stage edits, with what belongs to it: the tensor handle table, cached shape
 * inference and the snapshots a plugin took. Restoring a snapshot (and raising the default opset)
 * replaces the OnnxModel object; handles handed out before keep reading the old one, which is no
 * longer edited, so they still show the values they showed.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { inlineExternalData, readModel, writeModel, type OnnxModel } from '@edgepress/onnx';
import { notFound } from './arguments';
import { ShapeCache } from './graph-view';
import { TensorTable } from './tensor-table';

export interface SnapshotLimits {
  /** Snapshots a stage may take. */
  readonly maxSnapshots: number;
  /** Bytes of all snapshots of a stage together (each is the serialized model). */
  readonly maxSnapshotBytes: number;
}

export class StageModel {
  readonly shapes = new ShapeCache();
  private current: OnnxModel;
  private readonly snapshots = new Map<string, Uint8Array>();
  private snapshotBytes = 0;

  constructor(
    model: OnnxModel,
    readonly table: TensorTable,
    private readonly limits: SnapshotLimits,
  ) {
    // Snapshots and clones serialize the model: external data must be inside it.
    inlineExternalData(model);
    // PP-OCR models have unnamed nodes; plugins address nodes by name.
    model.ensureNodeNames();
    this.current = model;
  }

  get model(): OnnxModel {
    return this.current;
  }

  /** A copy of the current model that becomes the current one (the old object is left as it was). */
  detachedCopy(): OnnxModel {
    this.current = readModel(writeModel(this.current), { limits: this.current.limits });
    return this.current;
  }

  snapshot(): string {
    if (this.snapshots.size >= this.limits.maxSnapshots) {
      throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `The plugin took ${this.snapshots.size} snapshots, the most a stage may take (limits.maxSnapshots)`);
    }
    const bytes = writeModel(this.current);
    if (this.snapshotBytes + bytes.length > this.limits.maxSnapshotBytes) {
      throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `Another snapshot of ${bytes.length} bytes would exceed the ${this.limits.maxSnapshotBytes} bytes of snapshots a stage may hold (limits.maxSnapshotBytes)`);
    }
    const id = `snapshot-${this.snapshots.size + 1}`;
    this.snapshots.set(id, bytes);
    this.snapshotBytes += bytes.length;
    return id;
  }

  restore(id: string): void {
    const bytes = this.snapshots.get(id);
    if (bytes === undefined) throw notFound(`No snapshot ${JSON.stringify(id.slice(0, 80))} in this stage (snapshots: ${[...this.snapshots.keys()].join(', ') || 'none'})`);
    this.current = readModel(bytes, { limits: this.current.limits });
  }

  /** Frees the handles and snapshots; the model stays. */
  dispose(): void {
    this.table.clear();
    this.snapshots.clear();
    this.snapshotBytes = 0;
  }
}
