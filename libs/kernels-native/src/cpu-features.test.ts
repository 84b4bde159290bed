import os from 'node:os';
import { cpuFeatures } from './index';

describe('cpuFeatures', () => {
  it('reports the machine thread count and the AVX2 dispatch decision', () => {
    const features = cpuFeatures();
    expect(features.hardwareThreads).toBe(os.availableParallelism());
    expect(typeof features.avx2).toBe('boolean');
    if (process.arch !== 'x64') expect(features.avx2).toBe(false);
  });
});
