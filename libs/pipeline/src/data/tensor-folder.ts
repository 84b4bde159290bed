/**
 * A folder of tensor files as a dataset: every `.npy` or `.pb` (TensorProto) file is one sample for
 * a single-input model, and every subfolder is one sample whose files are named after the model
 * inputs (`images.npy`, or ONNX test-data style `input_0.pb` whose TensorProto carries the name).
 * An optional labels.json / labels.jsonl gives class labels or reference texts. Other files
 * (images, READMEs) are ignored. Files are read one sample at a time.
 *
 * Threat model: the folder's contents are untrusted. Symbolic links are followed only when they
 * stay inside the folder; files are size-checked before reading; parsing is done by npy.ts and
 * tensor-proto.ts. Tests: tensor-folder.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readLabelsFile, type SampleLabel } from './labels-file';
import { DEFAULT_MAX_NPY_BYTES, parseNpy } from './npy';
import { UNNAMED_INPUT, type Dataset, type Sample, type SampleTensor } from './sample';
import { parseTensorProto } from './tensor-proto';

export interface TensorFolderOptions {
  /** Largest tensor file accepted, in bytes (default 1 GiB). */
  readonly maxFileBytes?: number;
}

interface SampleEntry {
  readonly id: string;
  /** Files of the sample: one for a top-level file, the tensor files of a subfolder otherwise. */
  readonly files: readonly string[];
  /** True for a subfolder, whose file names are input names. */
  readonly inSubfolder: boolean;
}

const TENSOR_FILE = /\.(npy|pb)$/i;

function bad(message: string, cause?: unknown): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, message, { cause });
}

/** Opens a folder dataset; the listing and the labels are read now, the tensors while iterating. */
export async function openTensorFolder(folder: string, options: TensorFolderOptions = {}): Promise<Dataset> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_NPY_BYTES;
  const root = await realFolder(folder);
  const entries = await listSamples(root);
  if (entries.length === 0) throw bad(`Data folder '${folder}' holds no .npy or .pb files (nor subfolders of them)`);
  const labels = await readLabelsFile(root);
  if (labels !== undefined) checkLabelsCover(labels, entries, folder);
  return {
    description: `tensor folder ${folder} (${entries.length} samples${labels === undefined ? '' : ', labelled'})`,
    size: entries.length,
    async *samples(): AsyncIterable<Sample> {
      for (const entry of entries) {
        const inputs: Record<string, SampleTensor> = {};
        for (const file of entry.files) {
          const { protoName, tensor } = await readTensorFile(root, file, maxFileBytes);
          const key = protoName ?? (entry.inSubfolder ? path.basename(file).replace(TENSOR_FILE, '') : UNNAMED_INPUT);
          if (inputs[key] !== undefined) throw bad(`Sample '${entry.id}' in '${folder}' has two tensors for input '${key}'`);
          inputs[key] = tensor;
        }
        yield { id: entry.id, inputs, ...labels?.get(entry.id) };
      }
    },
  };
}

async function realFolder(folder: string): Promise<string> {
  try {
    const real = await fs.realpath(folder);
    if (!(await fs.stat(real)).isDirectory()) throw bad(`Data path '${folder}' is not a folder`);
    return real;
  } catch (error) {
    if (error instanceof EdgepressError) throw error;
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Data folder '${folder}' cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}

async function listSamples(root: string): Promise<SampleEntry[]> {
  const entries: SampleEntry[] = [];
  for (const name of (await fs.readdir(root)).sort()) {
    const kind = await entryKind(root, name);
    if (kind === 'file' && TENSOR_FILE.test(name)) entries.push({ id: name, files: [name], inSubfolder: false });
    if (kind !== 'folder') continue;
    const inner = (await fs.readdir(path.join(root, name))).sort().filter((file) => TENSOR_FILE.test(file));
    const files: string[] = [];
    for (const file of inner) if ((await entryKind(root, path.join(name, file))) === 'file') files.push(path.join(name, file));
    if (files.length > 0) entries.push({ id: name, files, inSubfolder: true });
  }
  return entries;
}

/** 'file' / 'folder' for entries whose real location stays inside root; symlinks leaving it are refused. */
async function entryKind(root: string, relative: string): Promise<'file' | 'folder' | 'other'> {
  const full = path.join(root, relative);
  const real = await fs.realpath(full);
  if (real !== root && !real.startsWith(root + path.sep)) throw bad(`'${relative}' in data folder '${root}' links outside the folder`);
  const stats = await fs.stat(real);
  return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
}

/** The tensor, and the input name a TensorProto carries (undefined for .npy and unnamed TensorProtos). */
async function readTensorFile(root: string, relative: string, maxFileBytes: number): Promise<{ protoName: string | undefined; tensor: SampleTensor }> {
  const full = path.join(root, relative);
  const stats = await fs.stat(full);
  // Header bytes come on top of the data cap; 64 KiB is far above any legitimate header.
  if (stats.size > maxFileBytes + 65536) throw bad(`Tensor file '${relative}' is ${stats.size} bytes, above the ${maxFileBytes}-byte limit (maxFileBytes)`);
  const bytes = new Uint8Array(await fs.readFile(full));
  if (relative.toLowerCase().endsWith('.npy')) return { protoName: undefined, tensor: parseNpy(bytes, relative, { maxBytes: maxFileBytes }) };
  const parsed = parseTensorProto(bytes, relative, { maxBytes: maxFileBytes });
  return { protoName: parsed.name === '' ? undefined : parsed.name, tensor: parsed.tensor };
}

function checkLabelsCover(labels: ReadonlyMap<string, SampleLabel>, entries: readonly SampleEntry[], folder: string): void {
  const ids = new Set(entries.map((entry) => entry.id));
  for (const key of labels.keys()) {
    if (!ids.has(key)) throw bad(`The labels file of '${folder}' labels '${key}', which is not a sample of the folder`);
  }
  const unlabelled = entries.filter((entry) => !labels.has(entry.id)).map((entry) => entry.id);
  if (unlabelled.length > 0) {
    throw bad(`The labels file of '${folder}' has no label for ${unlabelled.length} sample(s): ${unlabelled.slice(0, 5).join(', ')}${unlabelled.length > 5 ? ', ...' : ''}`);
  }
}
