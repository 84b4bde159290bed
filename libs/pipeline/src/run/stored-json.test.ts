import { fromStoredJson, toStoredJson } from './stored-json';

describe('stored JSON', () => {
  it('keeps non-finite numbers through a round trip, where plain JSON loses them', () => {
    const record = { plugin: 'fold-batchnorm', metrics: { fidelity: { cosine: 1, sqnrDb: Infinity, values: [-Infinity, Number.NaN, 2] } } };
    expect(JSON.parse(JSON.stringify(record)).metrics.fidelity.sqnrDb).toBeNull();
    const back = fromStoredJson<typeof record>(toStoredJson(record));
    expect(back.metrics.fidelity.sqnrDb).toBe(Infinity);
    expect(back.metrics.fidelity.values).toEqual([-Infinity, Number.NaN, 2]);
    expect(fromStoredJson(toStoredJson({ note: { $number: 'x' } }))).toEqual({ note: { $number: 'x' } });
  });

  it('refuses text that is not JSON', () => {
    expect(() => fromStoredJson('{')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
