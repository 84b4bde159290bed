/**
 * A plain TypeScript evaluator for the small float32 models of the tests (Conv with groups and
 * padding, BatchNormalization, Relu, Sigmoid, Add, Mul, Concat, GlobalAveragePool, Flatten, Gemm),
 * reading the model through the harness's libs/onnx re-export. It can zero chosen channels of
 * chosen values: the independent reference for channel pruning (a pruned model must compute the
 * original model with the pruned channels zeroed where their readers see them).
 */
import { readModel } from '@edgepress/plugin-sdk/testing';

interface Tensor {
  dims: number[];
  data: Float64Array;
}

type Attributes = Record<string, number | number[]>;

function conv(x: Tensor, w: Tensor, b: Tensor | undefined, attrs: Attributes): Tensor {
  const [n, cin, h, wd] = x.dims;
  const [cout, cpg, kh, kw] = w.dims;
  const group = (attrs.group as number) ?? 1;
  const [sh, sw] = (attrs.strides as number[]) ?? [1, 1];
  const [pt, pl] = (attrs.pads as number[]) ?? [0, 0, 0, 0];
  const [, , pb, pr] = (attrs.pads as number[]) ?? [0, 0, 0, 0];
  const oh = Math.floor((h + pt + pb - kh) / sh) + 1;
  const ow = Math.floor((wd + pl + pr - kw) / sw) + 1;
  const out = new Float64Array(n * cout * oh * ow);
  const outPerGroup = cout / group;
  for (let b0 = 0; b0 < n; b0++)
    for (let o = 0; o < cout; o++) {
      const g = Math.floor(o / outPerGroup);
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++) {
          let sum = b === undefined ? 0 : b.data[o];
          for (let c = 0; c < cpg; c++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const yi = y * sh - pt + i;
                const xi = xx * sw - pl + j;
                if (yi < 0 || yi >= h || xi < 0 || xi >= wd) continue;
                sum += x.data[((b0 * cin + g * cpg + c) * h + yi) * wd + xi] * w.data[((o * cpg + c) * kh + i) * kw + j];
              }
          out[((b0 * cout + o) * oh + y) * ow + xx] = sum;
        }
    }
  return { dims: [n, cout, oh, ow], data: out };
}

function perChannel(x: Tensor, f: (value: number, channel: number) => number): Tensor {
  const inner = x.dims.slice(2).reduce((a, b) => a * b, 1);
  const channels = x.dims[1];
  return { dims: x.dims, data: x.data.map((v, i) => f(v, Math.floor(i / inner) % channels)) };
}

function broadcastBinary(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const rank = Math.max(a.dims.length, b.dims.length);
  const pad = (d: number[]) => [...new Array<number>(rank - d.length).fill(1), ...d];
  const [da, db] = [pad(a.dims), pad(b.dims)];
  const dims = da.map((v, i) => Math.max(v, db[i]));
  const total = dims.reduce((x, y) => x * y, 1);
  const out = new Float64Array(total);
  const index = (d: number[], coords: number[]) => coords.reduce((acc, c, i) => acc * d[i] + (d[i] === 1 ? 0 : c), 0);
  for (let i = 0; i < total; i++) {
    const coords: number[] = [];
    let rest = i;
    for (let k = rank - 1; k >= 0; k--) {
      coords[k] = rest % dims[k];
      rest = Math.floor(rest / dims[k]);
    }
    out[i] = f(a.data[index(da, coords)], b.data[index(db, coords)]);
  }
  return { dims, data: out };
}

export interface ReferenceRun {
  /** Input values by name. */
  readonly inputs: Readonly<Record<string, { dims: readonly number[]; data: Float32Array }>>;
  /** Channels (axis 1) to zero in named values, right after they are computed. */
  readonly zero?: Readonly<Record<string, readonly number[]>>;
}

/** Evaluates the model's graph in float64; returns every graph output. */
export function evaluateReference(modelBytes: Uint8Array, run: ReferenceRun): Record<string, Tensor> {
  const model = readModel(modelBytes);
  const values = new Map<string, Tensor>();
  for (const weight of model.graph.weights()) {
    const t = model.readWeight(weight);
    values.set(weight.name, { dims: [...t.dims], data: Float64Array.from(t.data as Float32Array) });
  }
  for (const [name, input] of Object.entries(run.inputs)) values.set(name, { dims: [...input.dims], data: Float64Array.from(input.data) });
  const get = (name: string) => values.get(name) ?? (() => { throw new Error(`reference: no value ${name}`); })();
  for (const node of model.graph.topologicalOrder()) {
    if (node.opType === 'Constant') continue;
    const attrs: Attributes = {};
    for (const attribute of node.attribute) attrs[attribute.name] = attribute.ints.length > 0 ? attribute.ints.map(Number) : attribute.f !== 0 ? attribute.f : Number(attribute.i);
    const inputs = node.input.map((name) => (name === '' ? undefined : get(name)));
    let out: Tensor;
    switch (node.opType) {
      case 'Conv':
        out = conv(inputs[0]!, inputs[1]!, inputs[2], attrs);
        break;
      case 'BatchNormalization': {
        const [, s, b, m, v] = inputs as Tensor[];
        const eps = (attrs.epsilon as number) || 1e-5;
        out = perChannel(inputs[0]!, (x, c) => ((x - m.data[c]) / Math.sqrt(v.data[c] + eps)) * s.data[c] + b.data[c]);
        break;
      }
      case 'Relu':
        out = { dims: inputs[0]!.dims, data: inputs[0]!.data.map((x) => Math.max(0, x)) };
        break;
      case 'Sigmoid':
        out = { dims: inputs[0]!.dims, data: inputs[0]!.data.map((x) => 1 / (1 + Math.exp(-x))) };
        break;
      case 'Add':
        out = broadcastBinary(inputs[0]!, inputs[1]!, (x, y) => x + y);
        break;
      case 'Mul':
        out = broadcastBinary(inputs[0]!, inputs[1]!, (x, y) => x * y);
        break;
      case 'GlobalAveragePool': {
        const x = inputs[0]!;
        const inner = x.dims.slice(2).reduce((a, b) => a * b, 1);
        const data = new Float64Array(x.data.length / inner);
        for (let i = 0; i < x.data.length; i++) data[Math.floor(i / inner)] += x.data[i] / inner;
        out = { dims: [...x.dims.slice(0, 2), ...x.dims.slice(2).map(() => 1)], data };
        break;
      }
      case 'Flatten':
        out = { dims: [inputs[0]!.dims[0], inputs[0]!.data.length / inputs[0]!.dims[0]], data: inputs[0]!.data };
        break;
      case 'Concat': {
        const parts = inputs as Tensor[];
        const [n, , h, w] = parts[0].dims;
        const channels = parts.reduce((sum, p) => sum + p.dims[1], 0);
        const data = new Float64Array(n * channels * h * w);
        let offset = 0;
        for (const part of parts) {
          for (let b = 0; b < n; b++) data.set(part.data.subarray(b * part.dims[1] * h * w, (b + 1) * part.dims[1] * h * w), (b * channels + offset) * h * w);
          offset += part.dims[1];
        }
        out = { dims: [n, channels, h, w], data };
        break;
      }
      case 'Gemm': {
        const [a, b, c] = inputs as Tensor[];
        const transB = attrs.transB === 1;
        const [m, k] = a.dims;
        const n = transB ? b.dims[0] : b.dims[1];
        const data = new Float64Array(m * n);
        for (let i = 0; i < m; i++)
          for (let j = 0; j < n; j++) {
            let sum = c === undefined ? 0 : c.data[c.data.length === n ? j : i * n + j];
            for (let q = 0; q < k; q++) sum += a.data[i * k + q] * (transB ? b.data[j * k + q] : b.data[q * n + j]);
            data[i * n + j] = sum;
          }
        out = { dims: [m, n], data };
        break;
      }
      default:
        throw new Error(`reference: ${node.opType} is not implemented`);
    }
    const zero = run.zero?.[node.output[0]];
    if (zero !== undefined && zero.length > 0) {
      const drop = new Set(zero);
      out = perChannel(out, (x, c) => (drop.has(c) ? 0 : x));
    }
    values.set(node.output[0], out);
  }
  return Object.fromEntries(model.graph.outputs.map((output) => [output.name, get(output.name)]));
}
