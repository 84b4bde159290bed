import { batchDataset, type Batch } from '../data/batch';
import type { Dataset } from '../data/sample';
import type { OrtModelSession, OutputTensor } from './ort-session';

export interface RunOptions {
  /** Samples per run (default 1; larger batches need a dynamic first dimension). */
  readonly batchSize?: number;
  /** Outputs to fetch (default: all graph outputs). */
  readonly outputNames?: readonly string[];
}

export interface BatchOutputs {
  readonly batch: Batch;
  readonly outputs: Readonly<Record<string, OutputTensor>>;
}

/** Runs every batch of a dataset through a session, one at a time (memory holds one batch and its outputs). */
export async function* runDataset(session: OrtModelSession, dataset: Dataset, options: RunOptions = {}): AsyncGenerator<BatchOutputs> {
  for await (const batch of batchDataset(dataset, session.inputs, options.batchSize ?? 1)) {
    yield { batch, outputs: await session.run(batch.feeds, options.outputNames) };
  }
}
