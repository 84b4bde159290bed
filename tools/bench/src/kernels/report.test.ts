import { evaluateGoals, formatGoals, formatTable } from './report';
import type { BenchResult } from './results';

const row = (fields: Partial<BenchResult>): BenchResult => ({
  case: 'int8-dynamic-gemm',
  impl: 'ort',
  threads: 1,
  m: 256,
  k: 1024,
  n: 1024,
  sparsity: 0,
  seconds: 0.001,
  p25Seconds: 0.0009,
  p75Seconds: 0.0011,
  runs: 10,
  ...fields,
});

describe('goals', () => {
  it('are ratios of medians from the same run, with the gRPC goal on shared memory and the other transports as information', () => {
    const q = { case: 'quantize-per-channel-int8', m: 256, k: 65536, n: 1 };
    const results = [
      row({ impl: 'ort', seconds: 0.002 }),
      row({ impl: 'edgepress', seconds: 0.001 }),
      row({ ...q, impl: 'plain-js', seconds: 0.3 }),
      row({ ...q, impl: 'edgepress', seconds: 0.015 }),
      row({ ...q, impl: 'edgepress-grpc-shm', seconds: 0.018 }),
      row({ ...q, impl: 'edgepress-grpc', seconds: 0.5 }),
    ];
    const goals = evaluateGoals(results, [1]);
    const text = formatGoals(goals);
    expect(text).toContain('PASS   2.00x  int8 GEMM (dynamic A)');
    expect(text).toContain('PASS  20.00x  per-channel int8 quantization');
    expect(text).toContain('PASS   1.20x  64 MB quantization through gRPC (same-host shared memory)');
    expect(text).toContain('INFO  33.33x    the same streamed over TCP');
    expect(text).toContain('SKIP     -    SpMM at 90%');
    expect(formatTable(results)).toContain('2.00x ort');
  });

  it('fail below the goal', () => {
    const goals = evaluateGoals([row({ impl: 'ort', seconds: 0.001 }), row({ impl: 'edgepress', seconds: 0.002 })], [1]);
    expect(goals[0]).toMatchObject({ ratio: 0.5, pass: false });
  });
});
