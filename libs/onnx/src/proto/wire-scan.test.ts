import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { PP_OCR_REC } from '../../test/fixtures/real-models';
import { expectInvalidModel } from '../../test/fixtures/expect-error';
import { modelAround, lengthDelimited } from '../../test/fixtures/wire';
import { ModelProtoSchema } from '../gen/onnx_pb';
import { DEFAULT_LIMITS } from '../limits';
import { scanWire } from './wire-scan';

const MEASURE = path.join(__dirname, '../../test/fixtures/measure-parse-heap.ts');

/** Each case in its own process, so that the heap it measures holds nothing else; run side by side. */
async function measure(name: string): Promise<{ name: string; estimated: number; measured: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', MEASURE, name], { encoding: 'utf8', timeout: 60_000 });
  return { name, ...(JSON.parse(stdout) as { estimated: number; measured: number }) };
}

describe('wire scan', () => {
  it('counts the messages, nodes and depth of a real model quickly', () => {
    const bytes = new Uint8Array(fs.readFileSync(PP_OCR_REC));
    const result = scanWire(bytes, ModelProtoSchema, DEFAULT_LIMITS);
    expect(result.nodes).toBe(765);
    expect(result.maxDepth).toBeLessThan(10);
    expect(result.estimatedHeapBytes).toBeLessThan(bytes.length);
  });

  it('estimates at least the heap the parsed tree really takes, for the inputs that amplify most', async () => {
    const cases = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', MEASURE], { encoding: 'utf8' })) as string[];
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const { name, estimated, measured } of await Promise.all(cases.map(measure))) {
      expect({ name, covered: estimated >= measured * 1.1 }).toEqual({ name, covered: true });
    }
  }, 60_000);

  it('names the limit it enforces', () => {
    const nodes = modelAround(new Array(1000).fill(lengthDelimited(1, [])).flat());
    expectInvalidModel(() => scanWire(nodes, ModelProtoSchema, { ...DEFAULT_LIMITS, maxNodes: 999 }), /limits\.maxNodes \(999\)/);
    expectInvalidModel(() => scanWire(nodes, ModelProtoSchema, { ...DEFAULT_LIMITS, maxParseMemoryBytes: 10_000 }), /limits\.maxParseMemoryBytes/);
    expect(scanWire(nodes, ModelProtoSchema, { ...DEFAULT_LIMITS, maxNodes: 1000 }).nodes).toBe(1000);
  });
});
