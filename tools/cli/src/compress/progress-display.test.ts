import type { PipelineEvent } from '@edgepress/pipeline';
import { progressDisplay } from './progress-display';

function run(isTTY: boolean, events: PipelineEvent[]): string {
  const written: string[] = [];
  const io = { stdout: { write: () => undefined }, stderr: { write: (chunk: string) => written.push(chunk) }, isTTY };
  const show = progressDisplay(io, () => 2);
  events.forEach(show);
  return written.join('');
}

const progress = (fraction: number, message?: string): PipelineEvent => ({ type: 'stage-progress', index: 1, plugin: 'quantize-int8', fraction, message });
const events: PipelineEvent[] = [
  { type: 'baseline-started' },
  { type: 'stage-started', index: 1, plugin: 'quantize-int8', version: '1.0.0' },
  progress(0.01, 'ranges'),
  progress(0.05, 'ranges'),
  progress(0.52, 'layer 12'),
  { type: 'stage-log', index: 1, plugin: 'quantize-int8', entry: { level: 'warn', message: 'kept Softmax in fp32', atMs: 1 } },
  { type: 'stage-log', index: 1, plugin: 'quantize-int8', entry: { level: 'info', message: 'chatty', atMs: 2 } },
  progress(1, 'done'),
  { type: 'stage-measuring', index: 1, plugin: 'quantize-int8' },
];

describe('progressDisplay', () => {
  it('writes plain lines off a terminal, at most one per tenth of a stage, and warnings', () => {
    expect(run(false, events).split('\n').filter(Boolean)).toEqual([
      'measuring the input model',
      '[2/2] quantize-int8 (v1.0.0) running',
      '[2/2] quantize-int8 1% ranges',
      '[2/2] quantize-int8 52% layer 12',
      '[2/2] quantize-int8 warn: kept Softmax in fp32',
      '[2/2] quantize-int8 100% done',
      '[2/2] quantize-int8 measuring',
    ]);
  });

  it('redraws one bar in place on a terminal and clears it before the next line', () => {
    const text = run(true, events);
    expect(text).toContain('\r\x1b[2K');
    expect(text).toContain(`[2/2] quantize-int8 [${'#'.repeat(12)}${'-'.repeat(12)}]  52% layer 12`);
    expect(text).toContain(`[${'#'.repeat(24)}] 100% done`);
    expect(text.endsWith('[2/2] quantize-int8 measuring\n')).toBe(true);
    expect(text).not.toContain('chatty');
  });
});
