/**
 * Loading tensor bytes stored outside the model file (ONNX external data).
 *
 * Threat model (trust boundary 2): the model names files to read. A hostile model must not make
 * us read anything outside the model's own folder, nor read more than the caps allow. Refused,
 * each with INVALID_MODEL naming the tensor:
 * - locations that are absolute, contain '..', backslashes, drive letters or NUL (at read time,
 *   in external-data-ref.ts);
 * - a file that is a symlink, or reached through a symlinked directory (the real path must equal
 *   the lexical path under the real model folder); a file with more than one hard link (it could
 *   be a link to a file elsewhere); anything that is not a regular file; the file swapped between
 *   check and open (O_NOFOLLOW plus a device/inode comparison);
 * - offsets and lengths that are not plain decimals, that point outside the file, or whose length
 *   differs from what the tensor's shape needs;
 * - more than limits.maxExternalDataBytes in total, or a tensor above limits.maxTensorBytes.
 * Remaining risk: a directory component swapped for a symlink between the realpath check and the
 * open (needs a local attacker racing us inside the model folder).
 * Tests: external-data.test.ts.
 */
import { constants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { invalidArgument, invalidModel } from './errors';
import { TensorProtoSchema, type TensorProto } from './gen/onnx_pb';
import { clearField } from '@bufbuild/protobuf';
import type { OnnxModel } from './model/onnx-model';
import { walkModel } from './model/tensor-walk';
import { parseExternalDataRef, type ExternalDataRef } from './external-data-ref';
import { inspectTensor, isExternal } from './tensor/layout';

interface Pending {
  readonly tensor: TensorProto;
  readonly where: string;
  readonly ref: ExternalDataRef;
  readonly byteLength: number;
}

/** Tensors of the model stored as external data, validated. */
function externalTensors(model: OnnxModel): Pending[] {
  const pending: Pending[] = [];
  const visit = (tensor: TensorProto, where: string) => {
    if (!isExternal(tensor)) return;
    const layout = inspectTensor(tensor, where, model.limits);
    pending.push({ tensor, where, ref: parseExternalDataRef(tensor, where), byteLength: layout.byteLength });
  };
  walkModel(model.proto, {
    tensor: visit,
    sparse(sparse, where) {
      if (sparse.values !== undefined) visit(sparse.values, `values of ${where}`);
      if (sparse.indices !== undefined) visit(sparse.indices, `indices of ${where}`);
    },
  });
  return pending;
}

/**
 * Reads the external data of every externally stored tensor from files under `modelDir` into
 * `model.externalData` (the model's protos are left as they are, so writing it back keeps the
 * references). Returns the number of bytes loaded.
 */
export async function loadExternalData(model: OnnxModel, modelDir: string): Promise<number> {
  if (typeof modelDir !== 'string' || modelDir === '') throw invalidArgument('Expected the folder of the model for loading external data');
  const pending = externalTensors(model);
  if (pending.length === 0) return 0;
  let total = 0;
  for (const item of pending) {
    total += item.byteLength;
    if (total > model.limits.maxExternalDataBytes) {
      throw invalidModel(
        `External data exceeds limits.maxExternalDataBytes (${model.limits.maxExternalDataBytes}) at ${item.where}; raise it with { limits: { maxExternalDataBytes } } if the model is trusted`,
        { limit: 'maxExternalDataBytes' },
      );
    }
  }
  const base = await fs.realpath(modelDir).catch((error: unknown) => {
    throw invalidArgument(`Model folder '${modelDir}' cannot be resolved: ${(error as Error).message}`);
  });
  const byFile = new Map<string, Pending[]>();
  for (const item of pending) byFile.set(item.ref.location, [...(byFile.get(item.ref.location) ?? []), item]);
  const loaded = new Map<TensorProto, Uint8Array>();
  for (const [location, items] of byFile) {
    const file = await openInside(base, location, items[0].where);
    try {
      for (const item of items) loaded.set(item.tensor, await readRange(file.handle, file.size, item));
    } finally {
      await file.handle.close();
    }
  }
  for (const [tensor, bytes] of loaded) model.externalData.set(tensor, bytes);
  return total;
}

async function openInside(base: string, location: string, where: string): Promise<{ handle: fs.FileHandle; size: number }> {
  const lexical = path.resolve(base, ...location.split('/'));
  const relative = path.relative(base, lexical);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw invalidModel(`${where} has external data location '${location}' outside the model's folder`);
  }
  let linkStats: Stats;
  try {
    linkStats = await fs.lstat(lexical);
  } catch {
    throw invalidModel(`${where} has external data file '${location}', which does not exist or cannot be read`);
  }
  if (linkStats.isSymbolicLink()) throw invalidModel(`${where} has external data file '${location}', which is a symbolic link`);
  if (!linkStats.isFile()) throw invalidModel(`${where} has external data '${location}', which is not a regular file`);
  if (linkStats.nlink > 1) throw invalidModel(`${where} has external data file '${location}', which has ${linkStats.nlink} hard links`);
  const real = await fs.realpath(lexical).catch(() => '');
  if (real !== lexical) throw invalidModel(`${where} has external data file '${location}', which is reached through a symbolic link`);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(lexical, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    throw invalidModel(`${where} has external data file '${location}', which cannot be opened`);
  }
  const stats = await handle.stat();
  if (stats.ino !== linkStats.ino || stats.dev !== linkStats.dev || !stats.isFile() || stats.nlink > 1) {
    await handle.close();
    throw invalidModel(`${where} has external data file '${location}', which changed while it was being opened`);
  }
  return { handle, size: stats.size };
}

async function readRange(handle: fs.FileHandle, size: number, item: Pending): Promise<Uint8Array> {
  const { offset, length } = item.ref;
  const available = size - offset;
  if (offset > size) throw invalidModel(`${item.where} has external data offset ${offset} beyond the end of '${item.ref.location}' (${size} bytes)`);
  const wanted = length ?? available;
  if (wanted > available) {
    throw invalidModel(`${item.where} has external data range [${offset}, ${offset + wanted}) beyond the end of '${item.ref.location}' (${size} bytes)`);
  }
  if (wanted !== item.byteLength) {
    throw invalidModel(`${item.where} has ${wanted} bytes of external data but its shape needs ${item.byteLength}`);
  }
  const bytes = new Uint8Array(wanted);
  let filled = 0;
  while (filled < wanted) {
    const { bytesRead } = await handle.read(bytes, filled, wanted - filled, offset + filled);
    if (bytesRead === 0) throw invalidModel(`${item.where}: '${item.ref.location}' ended early while reading external data`);
    filled += bytesRead;
  }
  return bytes;
}

/** Moves loaded external data into raw_data, so that the model is self-contained when written. Returns the count. */
export function inlineExternalData(model: OnnxModel): number {
  let count = 0;
  for (const item of externalTensors(model)) {
    const bytes = model.externalData.get(item.tensor);
    if (bytes === undefined) throw invalidArgument(`${item.where} is stored externally but its data was not loaded`);
    item.tensor.externalData = [];
    clearField(item.tensor, TensorProtoSchema.field.dataLocation);
    item.tensor.rawData = bytes;
    model.externalData.delete(item.tensor);
    count++;
  }
  if (count > 0) model.invalidate();
  return count;
}
