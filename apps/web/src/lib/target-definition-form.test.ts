import { z } from '@edgepress/plugin-sdk';
import { hardwareTargetSchema, listTargets } from '@edgepress/targets';
import { branchFor, definitionFromValues, placeIssues, targetFields, valuesFromDefinition } from './target-definition-form';

// What the gateway serves as targetDefinitionSchema (apps/gateway target-resolver.ts).
const schema = z.toJSONSchema(hardwareTargetSchema, { io: 'input', unrepresentable: 'any' });

describe('the team-target form', () => {
  it('has a branch and a control for every field of every kind', () => {
    for (const kind of ['cpu', 'gpu', 'npu', 'mcu']) expect(branchFor(schema, kind)).not.toBeNull();
    const cpu = targetFields(schema, 'cpu');
    expect(cpu.slice(0, 5).map((f) => f.name)).toEqual(['id', 'name', 'vendor', 'description', 'kind']);
    expect(Object.fromEntries(cpu.map((f) => [f.name, f.kind]))).toMatchObject({
      architecture: 'select',
      cores: 'number',
      isaFeatures: 'multiselect',
      precisions: 'multiselect',
      memory: 'group',
      peakMacsPerSecond: 'group',
      runtimeNotes: 'list',
      sources: 'json',
      kind: 'const',
    });
  });

  it('round-trips every catalog target unchanged', () => {
    for (const target of listTargets()) {
      const definition = JSON.parse(JSON.stringify(target)) as Record<string, unknown>;
      const fields = targetFields(schema, target.kind);
      const result = definitionFromValues(fields, valuesFromDefinition(fields, definition));
      expect(result).toEqual({ ok: true, definition });
    }
  });

  it('names what the browser can tell is wrong before asking the gateway', () => {
    const pi = JSON.parse(JSON.stringify(listTargets().find((t) => t.id === 'raspberry-pi-4'))) as Record<string, unknown>;
    const fields = targetFields(schema, 'cpu');
    const values = { ...valuesFromDefinition(fields, pi), 'memory.ramBytes': '-5', cores: '2.5', sources: '[{"title": ' };
    const result = definitionFromValues(fields, values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ 'memory.ramBytes': 'Must be greater than 0', cores: 'Enter a whole number', sources: expect.stringMatching(/^Not valid JSON/) });
  });

  it('places the gateway issues on the controls they name', () => {
    const fields = targetFields(schema, 'cpu');
    expect(
      placeIssues(fields, [
        { path: 'memory.ramBytes', message: 'expected a positive number of bytes' },
        { path: 'isaFeatures.1', message: 'expected a arm64 feature' },
        { path: 'sources.0.url', message: 'expected a URL' },
        { path: 'name', message: 'expected a non-empty string' },
        { path: '(target)', message: 'expected kind' },
      ]),
    ).toEqual({
      errors: { 'memory.ramBytes': 'expected a positive number of bytes', isaFeatures: '1: expected a arm64 feature', sources: '0.url: expected a URL', name: 'expected a non-empty string' },
      unplaced: ['(target): expected kind'],
    });
  });
});
