import { linesPerEntry, planBudgetActuals } from './generated-budget-actuals';

describe('planBudgetActuals', () => {
  it('plans the benchmark organisation: 2,000 events and a million journal lines in entries of four', () => {
    const plan = planBudgetActuals({ events: 2_000, journalLines: 1_000_000 });
    expect(plan).toMatchObject({
      events: 2_000,
      entries: 250_000,
      journalLines: 1_000_000,
      firstFiscalYear: 2023,
      fiscalYears: [2023, 2024, 2025, 2026],
      lockedFiscalYears: [2023, 2024],
      linesPerVersion: 12,
    });
    // n % 3 = 0 and 1 have two versions, n % 3 = 2 one: 667 + 667 + 666 events.
    expect(plan.budgetVersions).toBe(2_000 + 667 + 667);
    expect(plan.budgetLines).toBe(plan.budgetVersions * 12);
  });

  it('rounds journal lines down to whole balanced entries', () => {
    expect(linesPerEntry).toBe(4);
    expect(planBudgetActuals({ events: 1, journalLines: 4_003 })).toMatchObject({
      entries: 1_000,
      journalLines: 4_000,
      budgetVersions: 2,
    });
    expect(planBudgetActuals({ events: 3, journalLines: 4 }).budgetVersions).toBe(5);
    expect(planBudgetActuals({ events: 4, journalLines: 4, firstFiscalYear: 2030 }).fiscalYears).toEqual([
      2030, 2031, 2032, 2033,
    ]);
  });

  it('refuses sizes it cannot generate', () => {
    expect(() => planBudgetActuals({ events: 0, journalLines: 4 })).toThrow('events');
    expect(() => planBudgetActuals({ events: 2.5, journalLines: 4 })).toThrow('events');
    expect(() => planBudgetActuals({ events: 1, journalLines: 3 })).toThrow('at least 4');
  });
});
