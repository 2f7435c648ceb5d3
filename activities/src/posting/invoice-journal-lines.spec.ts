import { invoiceCost, invoiceJournalLines } from './invoice-journal-lines';

const invoice = {
  supplierName: 'Karoo Staging',
  number: 'INV-1',
  currency: 'ZAR',
  net: '1000.00',
  vat: '150.00',
  gross: '1150.00',
  eventId: 'event-1',
  budgetLineId: 'line-1',
};
const rows = (lines: ReturnType<typeof invoiceJournalLines>) =>
  lines.map((l) => [l.accountCode, l.debit ?? '', l.credit ?? '', l.currency, l.budgetLineId ?? '']);

describe('invoiceJournalLines', () => {
  it('debits the expense on the budget line and input VAT, and credits payables, for a domestic invoice', () => {
    const lines = invoiceJournalLines(invoice, {
      baseCurrency: 'ZAR',
      expenseAccount: '5100',
      vatRegistered: true,
      rate: null,
    });
    expect(rows(lines)).toEqual([
      ['5100', '1000', '', 'ZAR', 'line-1'],
      ['1400', '150', '', 'ZAR', ''],
      ['2000', '', '1150', 'ZAR', ''],
    ]);
  });

  it('expenses the VAT when the organisation cannot claim it', () => {
    const lines = invoiceJournalLines(invoice, {
      baseCurrency: 'ZAR',
      expenseAccount: '5100',
      vatRegistered: false,
      rate: null,
    });
    expect(rows(lines)).toEqual([
      ['5100', '1150', '', 'ZAR', 'line-1'],
      ['2000', '', '1150', 'ZAR', ''],
    ]);
  });

  it('converts a foreign invoice at the stored rate and stays balanced whatever the rounding', () => {
    const lines = invoiceJournalLines(
      { ...invoice, currency: 'EUR', net: '0.05', vat: '0.01', gross: '0.06' },
      {
        baseCurrency: 'ZAR',
        expenseAccount: '5100',
        vatRegistered: true,
        rate: { rate: '19.999', date: '2026-09-10', source: 'SARB' },
      },
    );
    // 0.06 × 19.999 = 1.19994 → 1.20 owed; foreign VAT is not claimable, so all of it is the expense.
    expect(rows(lines)).toEqual([
      ['5100', '1.2', '', 'ZAR', 'line-1'],
      ['2000', '', '1.2', 'ZAR', ''],
    ]);
  });

  it('posts a foreign invoice at the converted total its approvers saw, not the sum of parts rounded apart', () => {
    const foreign = { ...invoice, currency: 'USD', net: '262.90', vat: '16.94', gross: '279.84' };
    const rate = { rate: '18.25', date: '2023-03-20', source: 'SARB' };
    // 262.90 × 18.25 = 4797.925 and 16.94 × 18.25 = 309.155 would each round up (5107.09 together); 279.84 × 18.25
    // is exactly 5107.08.
    const cost = invoiceCost(foreign, { baseCurrency: 'ZAR', vatRegistered: true, rate });
    expect([cost.net, cost.vat, cost.onBudgetLine].map((m) => m.amount.toFixed(2))).toEqual([
      '4797.92',
      '309.16',
      '5107.08',
    ]);
    expect(cost.net.add(cost.vat).equals(cost.onBudgetLine)).toBe(true);
    const lines = invoiceJournalLines(foreign, {
      baseCurrency: 'ZAR',
      expenseAccount: '5100',
      vatRegistered: true,
      rate,
    });
    expect(rows(lines)).toEqual([
      ['5100', '5107.08', '', 'ZAR', 'line-1'],
      ['2000', '', '5107.08', 'ZAR', ''],
    ]);
  });

  it('refuses a foreign invoice without a rate', () => {
    expect(() =>
      invoiceJournalLines(
        { ...invoice, currency: 'USD' },
        { baseCurrency: 'ZAR', expenseAccount: '5100', vatRegistered: true, rate: null },
      ),
    ).toThrow(/needs its exchange rate/);
  });
});

describe('invoiceCost', () => {
  const zar = { baseCurrency: 'ZAR', rate: null };

  it('is what the journal debits to the budget line, whether or not the VAT is claimed', () => {
    for (const vatRegistered of [true, false]) {
      const cost = invoiceCost(invoice, { ...zar, vatRegistered });
      const [expense] = invoiceJournalLines(invoice, { ...zar, vatRegistered, expenseAccount: '5100' });
      expect(cost.onBudgetLine.amount.toFixed()).toBe(expense?.debit);
      expect(cost.vatClaimed).toBe(vatRegistered);
    }
    expect(invoiceCost(invoice, { ...zar, vatRegistered: true }).onBudgetLine.toJSON()).toEqual({
      amount: '1000.00',
      currency: 'ZAR',
    });
  });

  it('refuses a foreign invoice without its rate rather than guess one', () => {
    expect(() => invoiceCost({ ...invoice, currency: 'USD' }, { ...zar, vatRegistered: true })).toThrow(
      'posting needs its exchange rate',
    );
  });
});
