import {
  type FieldValues,
  type ReviewChoices,
  acceptInput,
  changedFields,
  choiceProblems,
  currentValues,
  fieldProblems,
  formFieldOf,
} from './review-form.model';

const valid: FieldValues = {
  supplierName: 'Soundwave Audio Hire (Pty) Ltd',
  supplierVatNumber: '4230245781',
  invoiceNumber: 'KSR-0042',
  issueDate: '2026-11-28',
  dueDate: '2026-12-28',
  currency: 'ZAR',
  net: '1000.00',
  vat: '150.00',
  gross: '1150.00',
};

const choices: ReviewChoices = {
  supplier: { kind: 'register', id: 's-1', name: 'Soundwave Audio Hire (Pty) Ltd' },
  eventId: 'e-1',
  budgetLineId: 'l-1',
  purchaseOrderNumber: '',
  fxRate: { rate: '', date: '', source: '' },
  comment: '',
};

describe('currentValues', () => {
  it('takes the draft (with earlier corrections) first, else what extraction read, else nothing', () => {
    const values = currentValues(
      { invoiceNumber: 'KSR-0042-B', dueDate: null },
      { invoiceNumber: { value: 'KSR-0042' }, dueDate: { value: '2026-12-28' }, net: { value: null } },
    );
    expect(values).toMatchObject({ invoiceNumber: 'KSR-0042-B', dueDate: '2026-12-28', net: '', gross: '' });
  });
});

describe('fieldProblems', () => {
  it('accepts a complete, consistent invoice', () => {
    expect(fieldProblems(valid)).toEqual({});
  });

  it('wants amounts as exact decimals with the currency’s decimals, never a reading of a float', () => {
    const problems = fieldProblems({ ...valid, net: '1 000,00', vat: '150.005', gross: '-1150.00' });
    expect(problems.net).toContain('exact amount');
    expect(problems.vat).toBe('ZAR amounts have at most 2 decimals.');
    expect(problems.gross).toContain('exact amount');
    expect(fieldProblems({ ...valid, currency: 'JPY', net: '1000.5', vat: '0', gross: '1000' }).net).toBe(
      'JPY amounts have no decimals.',
    );
    // Far beyond a double's precision, and still exact.
    expect(
      fieldProblems({
        ...valid,
        net: '90071992547409930.01',
        vat: '0.02',
        gross: '90071992547409930.03',
      }),
    ).toEqual({});
  });

  it('says when net + VAT is not the gross, with the sum', () => {
    expect(fieldProblems({ ...valid, vat: '150.01' }).gross).toBe(
      'Net + VAT is 1150.01, not 1150.00: correct one of the three.',
    );
  });

  it('wants real dates as YYYY-MM-DD, due on or after issue, a known currency and the required fields', () => {
    const problems = fieldProblems({
      ...valid,
      issueDate: '28/11/2026',
      invoiceNumber: ' ',
      currency: 'ZZZ',
      supplierName: '',
    });
    expect(problems.issueDate).toBe('A date as YYYY-MM-DD, e.g. 2026-12-01.');
    expect(problems.invoiceNumber).toBe('Invoice number is needed to accept the invoice.');
    expect(problems.currency).toBe('An ISO 4217 currency code such as ZAR.');
    expect(problems.supplierName).toBeUndefined();
    expect(fieldProblems({ ...valid, issueDate: '2026-02-30' }).issueDate).toBeDefined();
    expect(fieldProblems({ ...valid, dueDate: '2026-11-27' }).dueDate).toBe(
      'The due date is before the issue date.',
    );
  });
});

describe('changedFields and acceptInput', () => {
  it('sends only what the reviewer changed, trimmed, the currency in capitals', () => {
    expect(
      changedFields(valid, { ...valid, invoiceNumber: ' KSR-0042-B ', currency: 'zar', dueDate: '' }),
    ).toEqual({ invoiceNumber: 'KSR-0042-B' });
  });

  it('sends a supplier, event or budget line only when it differs from what intake chose', () => {
    const intake = { supplierId: 's-1', eventId: 'e-1', budgetLineId: null };
    expect(acceptInput(intake, valid, valid, choices)).toEqual({ decision: 'ACCEPT', budgetLineId: 'l-1' });
    expect(
      acceptInput(
        intake,
        valid,
        { ...valid, net: '1000.10', gross: '1150.10' },
        {
          ...choices,
          supplier: { kind: 'new', name: ' Karoo Staging ' },
          eventId: 'e-2',
          purchaseOrderNumber: ' PO-7 ',
          fxRate: { rate: '18.25', date: '2026-11-28', source: 'SARB' },
          comment: 'Checked with the supplier',
        },
      ),
    ).toEqual({
      decision: 'ACCEPT',
      comment: 'Checked with the supplier',
      corrections: { net: '1000.10', gross: '1150.10' },
      newSupplier: { name: 'Karoo Staging', vatNumber: '4230245781' },
      eventId: 'e-2',
      budgetLineId: 'l-1',
      purchaseOrderNumber: 'PO-7',
      fxRate: { rate: '18.25', date: '2026-11-28', source: 'SARB' },
    });
  });
});

describe('choiceProblems', () => {
  it('needs a supplier, an event and a budget line, and a rate whole or not at all', () => {
    expect(choiceProblems(choices, false)).toEqual({});
    expect(
      choiceProblems({ ...choices, supplier: null, eventId: null, budgetLineId: null }, false),
    ).toMatchObject({
      supplier: expect.any(String) as string,
      eventId: expect.any(String) as string,
      budgetLineId: expect.any(String) as string,
    });
    expect(Object.keys(choiceProblems(choices, true)).sort()).toEqual([
      'fxRate.date',
      'fxRate.rate',
      'fxRate.source',
    ]);
    expect(
      choiceProblems({ ...choices, fxRate: { rate: '0', date: '2026-11-28', source: 'SARB' } }, false),
    ).toEqual({
      'fxRate.rate': 'A positive exact decimal, e.g. 18.2345.',
    });
  });
});

describe('formFieldOf', () => {
  it('finds the form field an API refusal names', () => {
    expect(formFieldOf('corrections.net')).toBe('net');
    expect(formFieldOf('newSupplier.name')).toBe('supplier');
    expect(formFieldOf('supplierId')).toBe('supplier');
    expect(formFieldOf('budgetLineId')).toBe('budgetLineId');
    expect(formFieldOf('fxRate.rate')).toBe('fxRate.rate');
    expect(formFieldOf('taskId')).toBeNull();
    expect(formFieldOf(undefined)).toBeNull();
  });
});
