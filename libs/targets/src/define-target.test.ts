import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { getTarget } from './catalog/catalog';
import { CMSIS_NN_OPS, EDGE_TPU_OPS } from './catalog/operator-sets';
import { defineTarget, type TargetFieldIssue } from './define-target';

/** These tests break arbitrary fields of plain copies, so the copies are deliberately untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = Record<string, any>;

/** A mutable deep copy of a catalog entry, to break one field at a time. */
function copyOf(id: string): Untyped {
  return structuredClone(getTarget(id)) as Untyped;
}

function rejection(input: unknown): EdgepressError {
  try {
    defineTarget(input);
  } catch (error) {
    if (error instanceof EdgepressError) return error;
    throw error;
  }
  throw new Error('defineTarget accepted an invalid target');
}

const minimalTeamCpu = {
  id: 'team-arm-box',
  kind: 'cpu',
  name: 'Our ARM box',
  vendor: 'ACME',
  description: 'A team-defined target with only the required fields.',
  architecture: 'arm64',
  cores: 2,
  clockHz: 1e9,
  isaFeatures: ['neon'],
  precisions: ['fp32'],
  peakMacsPerSecond: { fp32: 8e9 },
  memory: { ramBytes: 2 ** 30, bandwidthBytesPerSecond: 5e9 },
  sparsity: { structured: [], unstructured: null },
  power: { activeWatts: 3, idleWatts: 1 },
  fallback: { macsPerSecond: 2e9, description: 'scalar code' },
  sources: [{ title: 'our lab measurements' }],
};

describe('defineTarget', () => {
  it.each(['raspberry-pi-5', 'jetson-orin-nano', 'coral-edge-tpu', 'stm32h7'])('accepts a copy of the %s entry', (id) => {
    expect(defineTarget(copyOf(id))).toEqual(getTarget(id));
  });

  it('accepts a minimal team-defined target and fills the defaults', () => {
    const target = defineTarget(minimalTeamCpu);
    expect(target.quantization).toEqual({ perTensorOnly: false, symmetricWeights: false });
    expect(target.runtimeNotes).toEqual([]);
  });

  it('returns a deeply frozen target', () => {
    const target = defineTarget(minimalTeamCpu) as unknown as Untyped;
    expect(Object.isFrozen(target)).toBe(true);
    expect(Object.isFrozen(target.memory)).toBe(true);
    expect(Object.isFrozen(target.precisions)).toBe(true);
    expect(Object.isFrozen(target.sources[0])).toBe(true);
    expect(() => {
      target.memory.ramBytes = 1;
    }).toThrow(TypeError);
  });

  it('does not keep a reference to the caller object', () => {
    const input = structuredClone(minimalTeamCpu);
    const target = defineTarget(input);
    input.memory.ramBytes = 1;
    expect(target.memory.ramBytes).toBe(2 ** 30);
  });

  type Breaker = (target: Untyped) => unknown;
  const cases: Array<[string, string, Breaker, string, RegExp]> = [
    ['an id that is not kebab-case', 'raspberry-pi-4', (t) => void (t.id = 'Raspberry Pi 4'), 'id', /kebab-case/],
    ['an unknown kind', 'raspberry-pi-4', (t) => void (t.kind = 'tpu'), 'kind', /cpu, gpu, npu, mcu/],
    ['an unknown precision', 'raspberry-pi-4', (t) => void (t.precisions = ['fp32', 'fp8']), 'precisions.1', /fp32, fp16/],
    ['duplicate precisions', 'raspberry-pi-4', (t) => void (t.precisions = ['fp32', 'fp32']), 'precisions', /distinct/],
    ['a precision without a peak', 'raspberry-pi-4', (t) => void delete t.peakMacsPerSecond.int8, 'peakMacsPerSecond.int8', /peak MAC\/s for int8/],
    ['a peak for a precision not listed', 'raspberry-pi-4', (t) => void (t.peakMacsPerSecond.fp16 = 1e9), 'peakMacsPerSecond.fp16', /fp16 in precisions/],
    ['a negative peak', 'raspberry-pi-4', (t) => void (t.peakMacsPerSecond.fp32 = -5), 'peakMacsPerSecond.fp32', /positive.*received -5/],
    ['negative RAM', 'raspberry-pi-4', (t) => void (t.memory.ramBytes = -1), 'memory.ramBytes', /positive number of bytes, received -1/],
    ['fractional RAM', 'raspberry-pi-4', (t) => void (t.memory.ramBytes = 1.5), 'memory.ramBytes', /whole number of bytes/],
    ['RAM given as a string', 'raspberry-pi-4', (t) => void (t.memory.ramBytes = '4GB'), 'memory.ramBytes', /number of bytes.*received "4GB"/],
    ['infinite bandwidth', 'raspberry-pi-4', (t) => void (t.memory.bandwidthBytesPerSecond = Infinity), 'memory.bandwidthBytesPerSecond', /rate per second/],
    ['NaN bandwidth', 'raspberry-pi-4', (t) => void (t.memory.bandwidthBytesPerSecond = NaN), 'memory.bandwidthBytesPerSecond', /rate per second/],
    ['a misspelt memory field', 'raspberry-pi-4', (t) => void (t.memory.ramByte = 5), 'memory', /unknown field "ramByte"/],
    ['idle power above active', 'raspberry-pi-4', (t) => void (t.power.idleWatts = 100), 'power.idleWatts', /idleWatts <= activeWatts/],
    ['no sources', 'raspberry-pi-4', (t) => void (t.sources = []), 'sources', /at least one source/],
    ['a javascript: source URL', 'raspberry-pi-4', (t) => void (t.sources[0].url = 'javascript:alert(1)'), 'sources.0.url', /http\(s\) URL/],
    ['an x86 feature on an ARM CPU', 'raspberry-pi-4', (t) => void t.isaFeatures.push('avx2'), 'isaFeatures.1', /arm64 feature.*received avx2/],
    ['an unknown ISA feature', 'raspberry-pi-4', (t) => void t.isaFeatures.push('avx1024'), 'isaFeatures.1', /expected one of neon/],
    ['zero cores', 'raspberry-pi-4', (t) => void (t.cores = 0), 'cores', /whole number >= 1/],
    ['a 2:4 pattern with n >= m', 'jetson-orin-nano', (t) => void (t.sparsity.structured[0].n = 4), 'sparsity.structured.0.n', /n < m/],
    ['sparse tensor cores without a pattern', 'jetson-orin-nano', (t) => void (t.sparsity.structured = []), 'sparsity.structured', /N:M pattern/],
    ['a bad compute capability', 'jetson-orin-nano', (t) => void (t.computeCapability = 'ampere'), 'computeCapability', /version such as "8.7"/],
    ['fp32ExecutedAs a precision not accelerated', 'apple-neural-engine', (t) => void (t.fp32ExecutedAs = 'bf16'), 'fp32ExecutedAs', /listed in precisions/],
    ['an op type with spaces', 'coral-edge-tpu', (t) => void t.supportedOps.push('Conv 2D'), `supportedOps.${EDGE_TPU_OPS.length}`, /ONNX op type/],
    ['an unknown unsupported-op policy', 'coral-edge-tpu', (t) => void (t.unsupportedOps = 'ignore'), 'unsupportedOps', /host-fallback or reject/],
    ['an optimized op without a kernel', 'stm32h7', (t) => void t.kernels.optimizedOps.push('Einsum'), `kernels.optimizedOps.${CMSIS_NN_OPS.length}`, /Einsum in kernels.supportedOps/],
    ['an arena block larger than RAM', 'stm32h7', (t) => void (t.largestContiguousSramBytes = 2 ** 40), 'largestContiguousSramBytes', /at most memory.ramBytes/],
    ['a missing flash', 'stm32h7', (t) => void delete t.flash, 'flash', /expected object/],
    ['an efficiency factor above 1', 'stm32h7', (t) => void (t.rooflineEfficiency = { compute: 1.5, memory: 0.5 }), 'rooflineEfficiency.compute', /fraction in \(0, 1\]/],
    ['an over-long description', 'stm32h7', (t) => void (t.description = 'x'.repeat(5000)), 'description', /at most 1000 characters/],
  ];

  it.each(cases)('rejects %s with BAD_USER_INPUT naming the field', (_label, id, breakIt, path, message) => {
    const input = copyOf(id);
    breakIt(input);
    const error = rejection(input);
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    const issues = error.details?.issues as TargetFieldIssue[];
    const issue = issues.find((candidate) => candidate.path === path);
    expect(issue).toBeDefined();
    expect(issue?.message).toMatch(message);
    expect(error.message).toContain(`${path}: `);
    expect(error.message).toContain(`"${input.id.slice(0, 64)}"`);
  });

  it('rejects a __proto__ key in a record rather than polluting prototypes', () => {
    const input = copyOf('raspberry-pi-4');
    input.peakMacsPerSecond = JSON.parse('{"fp32": 1e9, "int8": 1e9, "__proto__": {"polluted": 1}}');
    const error = rejection(input);
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toContain('peakMacsPerSecond');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([null, 5, 'raspberry-pi-4', [], undefined])('rejects %p as a whole', (input) => {
    const error = rejection(input);
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toMatch(/Invalid hardware target/);
  });

  it('lists at most ten issues in the message but all of them in details', () => {
    const input = copyOf('raspberry-pi-4');
    for (const key of ['name', 'vendor', 'description', 'cores', 'clockHz', 'architecture', 'memory', 'power', 'fallback', 'sources', 'sparsity', 'isaFeatures']) {
      input[key] = 42;
    }
    input.cores = 'many';
    const error = rejection(input);
    expect((error.details?.issues as unknown[]).length).toBeGreaterThan(10);
    expect(error.message).toMatch(/and \d+ more$/);
  });
});
