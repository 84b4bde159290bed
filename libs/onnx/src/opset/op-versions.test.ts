import { runPythonJson } from '../../test/fixtures/python';
import { DEPRECATED_AT, irVersionForOpset, OP_VERSIONS, schemaVersion } from './op-versions';

interface Schemas {
  maxOpset: number;
  versions: Record<string, number[]>;
  deprecated: Record<string, number>;
  irForOpset: Record<string, number>;
}

describe('operator version table', () => {
  const python = runPythonJson<Schemas>('op_schemas.py');

  it('matches python-onnx 1.12 for every default-domain operator up to its opset', () => {
    expect(python.maxOpset).toBe(17);
    const mismatches: string[] = [];
    for (const [op, versions] of Object.entries(python.versions)) {
      const ours = (OP_VERSIONS.get(op) ?? []).filter((version) => version <= python.maxOpset);
      if (ours.join() !== versions.join()) mismatches.push(`${op}: ours ${ours.join()} vs ${versions.join()}`);
    }
    for (const op of OP_VERSIONS.keys()) {
      const first = (OP_VERSIONS.get(op) as readonly number[])[0];
      if (first <= python.maxOpset && python.versions[op] === undefined) mismatches.push(`${op}: unknown to python-onnx`);
    }
    expect(mismatches).toEqual([]);
  });

  it('marks the same operators deprecated', () => {
    expect(Object.fromEntries(DEPRECATED_AT)).toEqual(python.deprecated);
  });

  it('gives the minimum IR version of each opset as the ONNX release table does', () => {
    for (const [opset, ir] of Object.entries(python.irForOpset)) {
      if (Number(opset) >= 7) expect({ opset, ir: irVersionForOpset(Number(opset)) }).toEqual({ opset, ir });
    }
    expect([18, 19, 20, 21].map(irVersionForOpset)).toEqual([8, 9, 9, 10]);
  });

  it('resolves the schema in effect at an opset', () => {
    expect(schemaVersion('Squeeze', 12)).toBe(11);
    expect(schemaVersion('Squeeze', 13)).toBe(13);
    expect(schemaVersion('ReduceMean', 21)).toBe(18);
    expect(schemaVersion('Upsample', 10)).toBeUndefined();
    expect(schemaVersion('Gelu', 19)).toBeUndefined();
    expect(schemaVersion('NotAnOp', 13)).toBeUndefined();
  });
});
