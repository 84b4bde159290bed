import { ByteBudget } from './byte-budget';

describe('ByteBudget', () => {
  it('refuses a reservation above what is left with RESOURCE_EXHAUSTED, and frees bytes once per release', () => {
    const budget = new ByteBudget(100);
    const releaseA = budget.reserve(60);
    expect(() => budget.reserve(41)).toThrow(expect.objectContaining({ code: 'RESOURCE_EXHAUSTED', message: expect.stringContaining('budget of 100 bytes') }));
    const releaseB = budget.reserve(40);
    expect(budget.inUse).toBe(100);
    releaseA();
    releaseA();
    expect(budget.inUse).toBe(40);
    releaseB();
    expect(budget.inUse).toBe(0);
  });
});
