import { readdirSync } from 'node:fs';
import os from 'node:os';
import { convModels } from '../../test/models';
import { parseProfile, profileModel } from './profile';

describe('profileModel', () => {
  const leftovers = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith('edgepress-profile-')).length;

  it('returns per-node times for every node of a small model and deletes the profile', async () => {
    const before = leftovers();
    const feeds = { x: { dataType: 'float32' as const, dims: [1, 1, 8, 8], data: new Float32Array(64).fill(0.5) } };
    const profile = await profileModel(convModels().full, feeds, { runs: 3, warmupRuns: 1, session: { graphOptimizationLevel: 'disabled' } });
    expect(profile.map((node) => node.node).sort()).toEqual(['conv', 'fc', 'flatten', 'relu']);
    expect(Object.fromEntries(profile.map((node) => [node.node, node.opType]))).toEqual({ conv: 'Conv', relu: 'Relu', flatten: 'Flatten', fc: 'Gemm' });
    for (const node of profile) {
      expect(node.runs).toBe(3);
      expect(node.medianUs).toBeGreaterThanOrEqual(0);
      expect(node.provider).toBe('CPUExecutionProvider');
    }
    expect(profile.map((node) => node.medianUs)).toEqual([...profile.map((node) => node.medianUs)].sort((a, b) => b - a));
    expect(leftovers()).toBe(before);
  });
});

describe('parseProfile', () => {
  const run = (ts: number, dur: number) => ({ cat: 'Session', name: 'model_run', ts, dur });
  const kernel = (node: string, ts: number, dur: number) => ({ cat: 'Node', name: `${node}_kernel_time`, ts, dur, args: { op_name: 'MatMul', provider: 'CPUExecutionProvider' } });

  it('drops warm-up runs, sums repeated nodes within a run and takes the median over runs', () => {
    const trace = [
      run(0, 100),
      kernel('a', 10, 1000),
      run(200, 100),
      kernel('a', 210, 5),
      kernel('a', 220, 5),
      kernel('b', 230, 7),
      run(400, 100),
      kernel('a', 410, 30),
      { cat: 'Node', name: 'a_fence_before', ts: 415, dur: 99 },
      run(600, 100),
      kernel('a', 610, 20),
      kernel('b', 620, 1),
      kernel('late', 900, 1),
    ];
    const profile = parseProfile(trace, 1);
    expect(profile).toEqual([
      { node: 'a', opType: 'MatMul', provider: 'CPUExecutionProvider', medianUs: 20, meanUs: 20, runs: 3 },
      { node: 'b', opType: 'MatMul', provider: 'CPUExecutionProvider', medianUs: 4, meanUs: 4, runs: 2 },
    ]);
  });

  it('refuses a trace that is not an event list', () => {
    expect(() => parseProfile({}, 0)).toThrow(/not a JSON array/);
  });
});
