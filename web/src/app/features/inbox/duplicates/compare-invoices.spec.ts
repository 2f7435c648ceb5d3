import { type ComparableInvoice, compareInvoices } from './compare-invoices';

const earlier: ComparableInvoice = {
  number: 'KSR-0042',
  supplierName: 'Soundwave Audio Hire (Pty) Ltd',
  issueDate: '2026-11-28',
  dueDate: null,
  gross: { amount: '1150.00', currency: 'ZAR' },
};

describe('compareInvoices', () => {
  it('marks nothing when the document says what the earlier invoice says (amounts as exact money)', () => {
    const fields = compareInvoices({ ...earlier, gross: { amount: '1150', currency: 'ZAR' } }, earlier);
    expect(fields.map((field) => field.label)).toEqual([
      'Invoice number',
      'Supplier',
      'Issue date',
      'Due date',
      'Gross',
    ]);
    expect(fields.filter((field) => field.differs)).toEqual([]);
    expect(fields.find((field) => field.key === 'dueDate')).toMatchObject({ current: '—', earlier: '—' });
  });

  it('marks each field that differs, the number as written', () => {
    const fields = compareInvoices(
      {
        ...earlier,
        number: 'KSR0042',
        dueDate: '2026-12-28',
        gross: { amount: '90071992547409931.07', currency: 'ZAR' },
      },
      { ...earlier, gross: { amount: '90071992547409931.06', currency: 'ZAR' } },
    );
    expect(fields.filter((field) => field.differs).map((field) => field.key)).toEqual([
      'number',
      'dueDate',
      'gross',
    ]);
    const gross = fields.find((field) => field.key === 'gross');
    expect(gross?.current.replace(/\s/g, ' ')).toContain('90 071 992 547 409 931,07');
  });

  it('tells a different currency apart, and copes with an amount it cannot read', () => {
    expect(
      compareInvoices({ ...earlier, gross: { amount: '1150.00', currency: 'USD' } }, earlier).find(
        (field) => field.key === 'gross',
      )?.differs,
    ).toBe(true);
    expect(
      compareInvoices({ ...earlier, gross: { amount: '1 150,00', currency: 'ZAR' } }, earlier).find(
        (field) => field.key === 'gross',
      )?.differs,
    ).toBe(true);
  });
});
