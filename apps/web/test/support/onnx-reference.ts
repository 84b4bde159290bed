/**
 * Independent facts about ONNX files: Debian's python3-onnx (/usr/bin/python3) parses them and
 * counts operators and runs onnx.checker (stricter than ONNX Runtime, which accepts graphs whose
 * nodes are not topologically sorted), and ONNX Runtime loads and runs them.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const SCRIPT = `
import collections, json, sys, onnx
model = onnx.load(sys.argv[1])
try:
    onnx.checker.check_model(model)
    checker = None
except Exception as error:
    checker = str(error).splitlines()[0]
ops = collections.Counter(n.op_type if n.domain in ('', 'ai.onnx') else n.domain + '.' + n.op_type for n in model.graph.node)
print(json.dumps({"checker": checker, "ops": ops, "inputs": [i.name for i in model.graph.input if i.name not in {t.name for t in model.graph.initializer}], "outputs": [o.name for o in model.graph.output]}))
`;

export interface OnnxFacts {
  /** null when onnx.checker accepts the model, else its first line of complaint. */
  checker: string | null;
  ops: Record<string, number>;
  inputs: string[];
  outputs: string[];
}

/** Throws when the file is not an ONNX model python's onnx can parse. */
export function onnxFacts(file: string): OnnxFacts {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', SCRIPT, file], { encoding: 'utf8' })) as OnnxFacts;
}

const ORT_SCRIPT = `
const ort = require('onnxruntime-node');
const [file, inputName, dimsJson] = process.argv.slice(1);
const dims = JSON.parse(dimsJson);
(async () => {
  const session = await ort.InferenceSession.create(file);
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  let seed = 12345;
  for (let i = 0; i < data.length; i += 1) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    data[i] = seed / 2 ** 32 - 0.5;
  }
  const outputs = await session.run({ [inputName]: new ort.Tensor('float32', data, dims) });
  process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, { dims: t.dims, data: Array.from(t.data) }]))));
})().catch((error) => { process.stderr.write(String(error)); process.exit(1); });
`;

/**
 * Runs the model once in ONNX Runtime on a seeded input and returns each output's dims and values.
 * In a process of its own: onnxruntime-node checks typed arrays against its own realm, which
 * Jest's sandbox is not.
 */
export function runOnce(file: string, inputName: string, dims: number[]): Record<string, { dims: number[]; data: number[] }> {
  const output = execFileSync(process.execPath, ['-e', ORT_SCRIPT, file, inputName, JSON.stringify(dims)], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
  return JSON.parse(output) as Record<string, { dims: number[]; data: number[] }>;
}
