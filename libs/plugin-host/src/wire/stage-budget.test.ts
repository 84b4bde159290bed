import { StageBudget } from './stage-budget';

const limits = { maxOutstandingHostCalls: 2, maxHostCalls: 3, maxLogLines: 2, maxLogBytes: 10, maxProgressPerSecond: 10 };

describe('StageBudget', () => {
  it('caps outstanding and total host calls', () => {
    const budget = new StageBudget(limits);
    expect(budget.startCall()).toBeUndefined();
    expect(budget.startCall()).toBeUndefined();
    expect(budget.startCall()).toMatch(/more than 2 host calls waiting at once/);
    budget.finishCall();
    expect(budget.startCall()).toBeUndefined();
    budget.finishCall();
    expect(budget.startCall()).toMatch(/more than 3 host calls \(limits\.maxHostCalls\)/);
  });

  it('caps log lines and bytes', () => {
    expect(new StageBudget(limits).recordLog(11)).toMatch(/more than 10 bytes/);
    const budget = new StageBudget(limits);
    budget.recordLog(1);
    budget.recordLog(1);
    expect(budget.recordLog(1)).toMatch(/more than 2 log lines/);
  });

  it('rate-limits progress but lets the first completion through', () => {
    const budget = new StageBudget(limits);
    expect(budget.allowProgress(0, 0.1)).toBe(true);
    expect(budget.allowProgress(50, 0.2)).toBe(false);
    expect(budget.allowProgress(60, 1)).toBe(true);
    expect(budget.allowProgress(70, 1)).toBe(false);
    expect(budget.allowProgress(200, 0.5)).toBe(true);
  });
});
