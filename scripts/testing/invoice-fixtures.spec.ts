import { knownAnswers, reviewCorrections } from './invoice-fixtures';

describe('known answers of an invoice fixture', () => {
  it('keeps the printed cents of JSON amounts as exact text and leaves out what the fixture lacks', () => {
    expect(
      knownAnswers({ issuer: 'Free', invoice_number: '562044387', amount: 29.99, amount_untaxed: 24.99 }),
    ).toEqual({
      supplierName: 'Free',
      invoiceNumber: '562044387',
      net: '24.99',
      gross: '29.99',
    });
  });

  it('confirms the known values over what intake read, and VAT as gross − net where the fixture has none', () => {
    const draft = {
      invoiceNumber: 'BLR_1',
      issueDate: '2015-10-20',
      currency: 'INR',
      net: '278.61',
      vat: '40.39',
      gross: '319.00',
    };
    expect(
      reviewCorrections({ invoiceNumber: '#BLR_1', gross: '319.00' }, draft, {
        label: 'f.pdf',
        today: '2026-12-04',
      }),
    ).toEqual({
      supplierName: 'f.pdf',
      invoiceNumber: '#BLR_1',
      issueDate: '2015-10-20',
      currency: 'INR',
      net: '278.61',
      vat: '40.39',
      gross: '319.00',
    });
  });

  it('takes a gross read alone as net with no VAT, and falls back to the label and today', () => {
    expect(reviewCorrections({}, { gross: '4.11' }, { label: 'scan.png', today: '2026-12-04' })).toEqual({
      supplierName: 'scan.png',
      invoiceNumber: 'scan.png',
      issueDate: '2026-12-04',
      currency: 'ZAR',
      net: '4.11',
      vat: '0.00',
      gross: '4.11',
    });
  });
});
