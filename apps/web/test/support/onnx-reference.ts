/**
 * Independent facts about ONNX files from Debian's python3-onnx (/usr/bin/python3): the checker's
 * verdict and the operator histogram, to compare with what the console shows.
 */
import { execFileSync } from 'node:child_process';

const SCRIPT = `
import collections, json, sys, onnx
model = onnx.load(sys.argv[1])
onnx.checker.check_model(model)
ops = collections.Counter(n.op_type if n.domain in ('', 'ai.onnx') else n.domain + '.' + n.op_type for n in model.graph.node)
print(json.dumps({"ops": ops, "inputs": [i.name for i in model.graph.input if i.name not in {t.name for t in model.graph.initializer}], "outputs": [o.name for o in model.graph.output]}))
`;

export interface OnnxFacts {
  ops: Record<string, number>;
  inputs: string[];
  outputs: string[];
}

/** Throws when onnx.checker refuses the file. */
export function onnxFacts(file: string): OnnxFacts {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', SCRIPT, file], { encoding: 'utf8' })) as OnnxFacts;
}
