/**
 * `edgepress compress` as users run it: a real process through the npm bin, built-in plugins
 * bundled and run in the sandbox, the output checked with Debian's python onnx (an independent
 * reader) and the report with its schema.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseReport } from '@edgepress/pipeline';
import { runCli } from '../src/main';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'node_modules/.bin/edgepress');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgepress-compress-'));
const model = path.join(dir, 'mlp.onnx');

function edgepress(...args: string[]) {
  const result = spawnSync(bin, args, { encoding: 'utf8', cwd: dir, timeout: 100_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function python(script: string, ...args: string[]): string {
  return execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' });
}

beforeAll(() => {
  python(
    `
import sys, numpy as np, onnx
from onnx import helper, numpy_helper, TensorProto
rng = np.random.default_rng(0)
w1 = rng.normal(0, 0.1, (784, 32)).astype(np.float32); w2 = rng.normal(0, 0.3, (32, 10)).astype(np.float32)
nodes = [helper.make_node('Gemm', ['x', 'w1'], ['h'], name='fc1'), helper.make_node('Relu', ['h'], ['r'], name='relu'),
  helper.make_node('Gemm', ['r', 'w2'], ['logits'], name='fc2'), helper.make_node('Softmax', ['logits'], ['probs'], name='softmax', axis=-1)]
graph = helper.make_graph(nodes, 'mlp', [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['n', 784])],
  [helper.make_tensor_value_info('probs', TensorProto.FLOAT, ['n', 10])], [numpy_helper.from_array(w1, 'w1'), numpy_helper.from_array(w2, 'w2')])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)]); model.ir_version = 8
onnx.save(model, sys.argv[1])`,
    model,
  );
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('edgepress compress', () => {
  it('runs the stages, writes the model and the reports, and prints the metrics per stage', () => {
    const { code, stdout, stderr } = edgepress(
      'compress', model, '--target', 'raspberry-pi-5', '--stage', 'prune-magnitude:sparsity=0.75,scope=per-layer', '-o', 'out.onnx',
      '--calibration', 'mnist', '--calibration-limit', '8', '--eval', 'mnist', '--eval-limit', '100', '--report', 'report.json', '--html', 'report.html', '--max-fidelity-drop', '0.5',
    );
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^stage +size +smaller +gzip +non-zeros/m);
    expect(stdout).toMatch(/^baseline +/m);
    expect(stdout).toMatch(/^1 prune-magnitude +/m);
    expect(stdout).toMatch(/met +maxFidelityDrop/);
    // Plain progress lines off a terminal.
    expect(stderr).toMatch(/\[1\/1\] prune-magnitude \(v[\d.]+\) running/);
    expect(stderr).not.toMatch(/\r/);

    // Independent reader: python onnx counts the zeros of each pruned weight.
    const zeros = JSON.parse(
      python(
        `
import sys, json, onnx, numpy as np
from onnx import numpy_helper
m = onnx.load(sys.argv[1]); onnx.checker.check_model(m)
out = {}
for t in m.graph.initializer: out[t.name] = [int((numpy_helper.to_array(t) == 0).sum()), int(numpy_helper.to_array(t).size)]
for s in m.graph.sparse_initializer:
  dims = list(s.dims); size = int(np.prod(dims)); out[s.values.name] = [size - len(numpy_helper.to_array(s.values)), size]
print(json.dumps(out))`,
        path.join(dir, 'out.onnx'),
      ),
    ) as Record<string, [number, number]>;
    expect(zeros.w1).toEqual([Math.floor(0.75 * 784 * 32), 784 * 32]);
    expect(zeros.w2).toEqual([Math.floor(0.75 * 32 * 10), 320]);

    const report = parseReport(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report.stages.map((stage) => stage.plugin)).toEqual(['prune-magnitude']);
    expect(report.stages[0].nonZeros).toBe(784 * 32 + 320 - zeros.w1[0] - zeros.w2[0]);
    expect(report.stages[0].fidelity?.cosine).toBeGreaterThan(0.5);
    expect(report.baseline.accuracy?.samples).toBe(100);
    expect(report.target?.id).toBe('raspberry-pi-5');
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toMatch(/<svg/);
  });

  it('runs the kernels on a kernel server with --kernels and makes the same model', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/kernel-server/src/main.ts'), '--host', '127.0.0.1', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const match = /listening on (\S+)/.exec(text);
          if (match) resolve(match[1]);
        });
        server.once('exit', (code) => reject(new Error(`kernel server exited with ${code}`)));
      });
      const args = ['compress', model, '--target', 'raspberry-pi-5', '--stage', 'prune-magnitude:sparsity=0.75,scope=per-layer', '--calibration-random', '2', '--shape', 'x=1,784'];
      const local = edgepress(...args, '-o', 'local.onnx');
      const remote = edgepress(...args, '-o', 'remote.onnx', '--kernels', address);
      expect([local.code, remote.code]).toEqual([0, 0]);
      expect(fs.readFileSync(path.join(dir, 'remote.onnx'))).toEqual(fs.readFileSync(path.join(dir, 'local.onnx')));
      // The kernels really are remote: without the server the stage fails.
      server.kill('SIGKILL');
      const gone = edgepress(...args, '-o', 'gone.onnx', '--kernels', address);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toMatch(/Stage 1 \(prune-magnitude\): .*(unavailable|UNAVAILABLE|connect)/i);
    } finally {
      server.kill('SIGKILL');
    }
  });

  it('exits 5 when a constraint is not met, after writing the model', () => {
    fs.rmSync(path.join(dir, 'small.onnx'), { force: true });
    const { code, stdout, stderr } = edgepress('compress', model, '--target', 'xeon-e5-2690-v4', '--stage', 'prune-magnitude:sparsity=0.5', '-o', 'small.onnx', '--calibration-random', '2', '--shape', 'x=1,784', '--max-size', '1K');
    expect(code).toBe(5);
    expect(stdout).toMatch(/NOT MET maxSizeBytes/);
    expect(stderr).toMatch(/1 constraint\(s\) not met: maxSizeBytes: \d+ bytes > 1024 bytes/);
    expect(fs.existsSync(path.join(dir, 'small.onnx'))).toBe(true);
  });

  it.each([
    ['no output file', [model, '--target', 'raspberry-pi-5', '--stage', 'prune-magnitude'], 2, /Expected -o OUT.onnx/],
    ['no stage', [model, '--target', 'raspberry-pi-5', '-o', 'x.onnx'], 2, /at least one --stage/],
    ['two calibration sources', [model, '--target', 'raspberry-pi-5', '--stage', 'prune-magnitude', '-o', 'x.onnx', '--calibration', 'mnist', '--calibration-random', '2'], 2, /not both/],
    ['an unknown plugin', [model, '--target', 'raspberry-pi-5', '--stage', 'prune-everything', '-o', 'x.onnx', '--calibration-random', '1'], 2, /unknown plugin "prune-everything"; known plugins: .*prune-magnitude/],
    ['params the plugin refuses', [model, '--target', 'raspberry-pi-5', '--stage', 'prune-magnitude:sparsity=3', '-o', 'x.onnx', '--calibration-random', '1'], 2, /Stage 1 \(prune-magnitude\): Invalid params for prune-magnitude: sparsity/],
    ['a missing model', [path.join(dir, 'missing.onnx'), '--target', 'raspberry-pi-5', '--stage', 'prune-magnitude', '-o', 'x.onnx'], 4, /Cannot read the model file/],
    ['a missing calibration folder', [model, '--target', 'raspberry-pi-5', '--stage', 'prune-magnitude', '-o', 'x.onnx', '--calibration', 'nowhere'], 4, /--calibration: no file or folder nowhere/],
    ['a file ONNX Runtime cannot load', [path.join(dir, 'garbage.onnx'), '--target', 'raspberry-pi-5', '--stage', 'prune-magnitude', '-o', 'x.onnx', '--calibration-random', '1'], 3, /does not load in ONNX Runtime/],
  ])('on %s it exits with the error code, before writing anything', async (_what, args, exit, message) => {
    fs.writeFileSync(path.join(dir, 'garbage.onnx'), Buffer.from('not a model'));
    // In process (runCli with buffers): the same code path as the bin, without a process per case.
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['compress', ...(args as string[])], { stdout: { write: (chunk: string) => out.push(chunk) }, stderr: { write: (chunk: string) => err.push(chunk) }, isTTY: false });
    expect(code).toBe(exit);
    expect(out.join('')).toBe('');
    expect(err.join('').trim().split('\n').pop()).toMatch(message);
    expect(fs.existsSync(path.join(dir, 'x.onnx'))).toBe(false);
  });
});
