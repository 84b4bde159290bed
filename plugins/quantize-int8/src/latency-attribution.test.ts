import { compareLatency, timeOf } from './latency-attribution';

describe('attributing ONNX Runtime profiles to layers', () => {
  // Names as ONNX Runtime 1.30 reports them at optimization level 'all'.
  const floatProfile = { 'conv_out_nchwc': 0.2, 'conv.1': 0.05, 'mm/MatMulAddFusion': 0.1, ReorderInput: 0.3, 'conv.10_nchwc': 9 };
  const quantProfile = { 'conv.1_token_5': 0.1, q1: 0.02, q2: 0.04, 'q2/duplicated': 0.01, 'mm_token_3': 0.3, 'conv.10_token_9': 1 };

  it('matches a key exactly or as a prefix followed by _ or /, and never a longer name', () => {
    expect(timeOf(floatProfile, ['conv.1'])).toEqual({ ms: 0.05, nodes: 1 });
    expect(timeOf(floatProfile, ['conv_out'])).toEqual({ ms: 0.2, nodes: 1 });
    expect(timeOf(floatProfile, ['mm'])).toEqual({ ms: 0.1, nodes: 1 });
    expect(timeOf(quantProfile, ['q2'])).toEqual({ ms: 0.05, nodes: 2 });
    expect(timeOf(quantProfile, ['q'])).toEqual({ ms: 0, nodes: 0 });
    expect(timeOf(floatProfile, ['conv.1', 'conv_out']).ms).toBeCloseTo(0.25, 12);
  });

  it('adds each layer its own nodes and its share of shared QuantizeLinear/DequantizeLinear nodes', () => {
    const [conv, matmul, missing] = compareLatency(floatProfile, quantProfile, [
      { name: 'conv.1', floatKeys: ['conv.1', 'conv_out'], quantKeys: ['conv.1'], shared: [{ key: 'q1', share: 1 }, { key: 'q2', share: 0.5 }] },
      { name: 'mm', floatKeys: ['mm'], quantKeys: ['mm'], shared: [{ key: 'q2', share: 0.5 }] },
      { name: 'gone', floatKeys: ['gone'], quantKeys: ['gone'], shared: [] },
    ]);
    expect(conv.fp32Ms).toBeCloseTo(0.25, 12);
    expect(conv.int8Ms).toBeCloseTo(0.1 + 0.02 + 0.025, 12);
    expect(conv.measured).toBe(true);
    expect(matmul.int8Ms).toBeCloseTo(0.3 + 0.025, 12);
    expect(missing).toEqual({ name: 'gone', fp32Ms: 0, int8Ms: 0, measured: false });
  });
});
