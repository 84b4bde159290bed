import { createBatchLoader } from './batch-loader';

describe('createBatchLoader', () => {
  it('loads the keys of one tick in one call and caches them', async () => {
    const calls: string[][] = [];
    const loader = createBatchLoader(async (keys: readonly string[]) => {
      calls.push([...keys]);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    });
    const values = await Promise.all([loader.load('a'), loader.load('b'), loader.load('a'), loader.load('missing')]);
    expect(values).toEqual(['A', 'B', 'A', undefined]);
    expect(calls).toEqual([['a', 'b', 'missing']]);
    expect(await loader.load('b')).toBe('B');
    expect(calls).toHaveLength(1);
    await loader.load('c');
    expect(calls).toEqual([['a', 'b', 'missing'], ['c']]);
  });

  it('rejects every key of a failed batch', async () => {
    const loader = createBatchLoader<string, string>(async () => {
      throw new Error('database down');
    });
    await expect(Promise.all([loader.load('a'), loader.load('b')])).rejects.toThrow('database down');
  });
});
