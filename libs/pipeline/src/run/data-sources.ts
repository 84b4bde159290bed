/**
 * Turns the data sources of a pipeline spec into Datasets (files are resolved against `baseDir`),
 * and the metric spec into a TaskMetric. `ref` sources (platform data) need the caller's resolver.
 */
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { openJsonlDataset } from '../data/jsonl';
import { mnistDataset } from '../data/mnist';
import type { ModelInput } from '../data/model-inputs';
import { openOcrPages } from '../data/ocr-pages';
import { randomDataset } from '../data/random-dataset';
import type { Dataset, Sample } from '../data/sample';
import { openTensorFolder } from '../data/tensor-folder';
import { classificationAccuracy } from '../evaluate/accuracy';
import { loadCtcDictionary } from '../evaluate/ctc-decode';
import { ctcTextAccuracy } from '../evaluate/ctc-text-accuracy';
import type { TaskMetric } from '../evaluate/task-metric';
import type { DataSource, TaskMetricSpec } from './pipeline-spec';

/** Resolves `ref` data sources (and may take over any other). */
export type DataResolver = (source: DataSource) => Promise<Dataset | undefined>;

export interface DataContext {
  readonly baseDir: string;
  readonly inputs: readonly ModelInput[];
  /** Shapes for random data when inputs have symbolic dimensions. */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
  readonly resolver?: DataResolver;
}

function limited(dataset: Dataset, limit: number | undefined): Dataset {
  if (limit === undefined) return dataset;
  return {
    description: `${dataset.description}, first ${limit}`,
    size: dataset.size === undefined ? undefined : Math.min(dataset.size, limit),
    async *samples(): AsyncIterable<Sample> {
      let count = 0;
      for await (const sample of dataset.samples()) {
        if (count++ >= limit) return;
        yield sample;
      }
    },
  };
}

export async function openDataSource(source: DataSource, context: DataContext): Promise<Dataset> {
  const resolved = await context.resolver?.(source);
  if (resolved !== undefined) return resolved;
  const file = (value: string) => path.resolve(context.baseDir, value);
  switch (source.type) {
    case 'tensor-folder':
      return limited(await openTensorFolder(file(source.path)), source.limit);
    case 'jsonl':
      return limited(await openJsonlDataset(file(source.path)), source.limit);
    case 'ocr-pages':
      return limited(await openOcrPages(file(source.path)), source.limit);
    case 'mnist':
      // Without a layout, the model's input rank decides: [n, 784] takes flat digits, [n, 1, 28, 28] images.
      return mnistDataset({ layout: source.layout ?? (context.inputs[0]?.shape?.length === 2 ? 'flat' : 'image'), offset: source.offset, count: source.limit });
    case 'random': {
      const inputShapes = Object.fromEntries(
        context.inputs.map((input) => [input.name, context.inputShapes?.[input.name] ?? (input.shape ?? []).map((dim) => (typeof dim === 'number' ? dim : 1))]),
      );
      return randomDataset(context.inputs, { count: source.count, seed: source.seed ?? 0, inputShapes });
    }
    case 'ref':
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Data source ${JSON.stringify(source.id)} is a platform reference, and this run has no resolver for it`);
  }
}

async function firstSample(dataset: Dataset): Promise<Sample | undefined> {
  for await (const sample of dataset.samples()) return sample;
  return undefined;
}

/** The task metric of the evaluation data ('auto': classification accuracy when samples carry labels). */
export async function taskMetricFor(spec: TaskMetricSpec, evaluation: Dataset | undefined, baseDir: string): Promise<TaskMetric | undefined> {
  if (spec === 'none' || evaluation === undefined) return undefined;
  if (spec === 'auto') return (await firstSample(evaluation))?.label !== undefined ? classificationAccuracy() : undefined;
  if (spec.type === 'classification') return classificationAccuracy({ output: spec.output });
  return ctcTextAccuracy({ dictionary: await loadCtcDictionary(path.resolve(baseDir, spec.dictionary)), output: spec.output });
}
