import { listTargets } from '@edgepress/targets';
import { definitionFromForm, fieldForIssuePath, formFromDefinition, placeIssues } from './target-form';

describe('the team-target form', () => {
  it('round-trips every catalog definition unchanged', () => {
    for (const target of listTargets()) {
      const definition = JSON.parse(JSON.stringify(target)) as Record<string, unknown>;
      const result = definitionFromForm(formFromDefinition(definition));
      expect(result).toEqual({ ok: true, definition: expect.any(Object) });
      if (result.ok) expect(result.definition).toEqual(definition);
    }
  });

  it('reports numbers and JSON it cannot read, per field', () => {
    const form = formFromDefinition(JSON.parse(JSON.stringify(listTargets()[0])) as Record<string, unknown>);
    const result = definitionFromForm({ ...form, ramBytes: 'lots', peaks: { ...form.peaks, [form.precisions[0]]: '' }, rest: '{ nope', activeWatts: '1_000' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['peak.' + form.precisions[0], 'ramBytes', 'rest'].sort());
    expect(result.errors.rest).toMatch(/^This is not valid JSON/);
    expect(definitionFromForm({ ...form, rest: '{"memory": {}}' })).toMatchObject({ ok: false, errors: { rest: 'Set memory with the fields above, not in the JSON.' } });
  });

  it('places the gateway issues on the fields they name', () => {
    expect(fieldForIssuePath('memory.ramBytes')).toBe('ramBytes');
    expect(fieldForIssuePath('peakMacsPerSecond.int8')).toBe('peak.int8');
    expect(fieldForIssuePath('sources')).toBe('sources');
    expect(fieldForIssuePath('isaFeatures.2')).toBe('rest');
    expect(placeIssues([
      { path: 'memory.ramBytes', message: 'expected a positive number of bytes' },
      { path: 'isaFeatures.0', message: 'expected one of neon' },
      { path: 'name', message: 'expected a non-empty string' },
    ])).toEqual({ ramBytes: 'expected a positive number of bytes', rest: 'isaFeatures.0: expected one of neon', name: 'expected a non-empty string' });
  });
});
