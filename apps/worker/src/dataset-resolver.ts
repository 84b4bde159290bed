/**
 * The team's registered datasets as libs/pipeline data sources (`{ type: 'ref', id }`): the
 * built-in MNIST set, and JSON lines uploaded as a blob (copied to the run's scratch folder, since
 * the reader streams from a file). Datasets are looked up in the run's team only.
 * npy-folder and onnx-tensors datasets arrive as one blob without a folder container the worker
 * can unpack, so they are refused with a message that says what works.
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { BlobStore, Database } from '@edgepress/db';
import { mnistDataset, openJsonlDataset, type DataResolver, type Dataset } from '@edgepress/pipeline';

export function datasetResolver(db: Database, blobs: BlobStore, teamId: string, scratchDir: string): DataResolver {
  return async (source) => {
    if (source.type !== 'ref') return undefined;
    const dataset = await db.datasets.get(teamId, source.id);
    let opened: Dataset;
    if (dataset.format === 'mnist-builtin') {
      opened = mnistDataset({ count: dataset.sampleCount > 0 ? dataset.sampleCount : undefined });
    } else if (dataset.format === 'jsonl' && dataset.blobSha256) {
      const file = path.join(scratchDir, `${dataset.id}.jsonl`);
      await pipeline(await blobs.get(dataset.blobSha256), createWriteStream(file, { mode: 0o600 }));
      opened = await openJsonlDataset(file);
    } else {
      throw new EdgepressError(
        ErrorCode.BAD_USER_INPUT,
        `Dataset ${dataset.name} is in the ${dataset.format} format, which the worker cannot read from a single upload yet; register it as JSON lines (JSONL) or use MNIST_BUILTIN`,
      );
    }
    return { description: `dataset ${dataset.name} (${dataset.format}, ${dataset.sampleCount} samples)`, size: opened.size, samples: () => opened.samples() };
  };
}
