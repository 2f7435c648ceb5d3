import { parseInvoiceText } from './invoice-text-parser';

const values = (text: string, hints?: Parameters<typeof parseInvoiceText>[1]) => {
  const invoice = parseInvoiceText(text, hints);
  return {
    supplier: invoice.supplierName.value,
    vatNumber: invoice.supplierVatNumber.value,
    number: invoice.invoiceNumber.value,
    issueDate: invoice.issueDate.value,
    dueDate: invoice.dueDate.value,
    currency: invoice.currency.value,
    net: invoice.net.value,
    vat: invoice.vat.value,
    gross: invoice.gross.value,
  };
};

describe('parseInvoiceText', () => {
  it('reads an English invoice in US dollars, month-first dates settled by the currency', () => {
    const text = [
      'Bright Stage Rentals LLC',
      '500 Market Street, Austin TX',
      'Bill to:',
      'Festival Events Co',
      'Invoice number:    BSR-1042',
      'Invoice date:      04/03/2024',
      'Due date:          05/03/2024',
      'Description        Qty    Unit price    Amount',
      'Stage deck         2      $1,500.00     $3,000.00',
      'Crew hours         10     $45.50        $455.00',
      'Subtotal           $3,455.00',
      'Sales tax 8.25%    $285.04',
      'Total due          $3,740.04',
    ].join('\n');
    expect(values(text)).toEqual({
      supplier: 'Bright Stage Rentals LLC',
      vatNumber: null,
      number: 'BSR-1042',
      issueDate: '2024-04-03',
      dueDate: '2024-05-03',
      currency: 'USD',
      net: '3455.00',
      vat: '285.04',
      gross: '3740.04',
    });
    const invoice = parseInvoiceText(text);
    expect(invoice.arithmetic).toEqual({ linesSumToNet: true, netPlusVatIsGross: true });
    expect(invoice.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.net])).toEqual([
      ['Stage deck', '2', '1500.00', '3000.00'],
      ['Crew hours', '10', '45.50', '455.00'],
    ]);
    expect(invoice.gross.confidence).toBeGreaterThan(0.9);
  });

  it('reads a French invoice: "n°", month names, space-grouped amounts, HT / TVA / TTC', () => {
    const text = [
      'Lumières du Sud SARL',
      '12 avenue de la Gare, 69002 Lyon',
      'N° de TVA : FR 12 345678901',
      'Facture n° F-2024-017 du 5 mars 2024',
      "Date d'échéance : 4 avril 2024",
      'Total HT :      1 234,56 €',
      'TVA 20 % :        246,91 €',
      'Total TTC :     1 481,47 €',
    ].join('\n');
    expect(values(text)).toEqual({
      supplier: 'Lumières du Sud SARL',
      vatNumber: 'FR12345678901',
      number: 'F-2024-017',
      issueDate: '2024-03-05',
      dueDate: '2024-04-04',
      currency: 'EUR',
      net: '1234.56',
      vat: '246.91',
      gross: '1481.47',
    });
  });

  it('reads a Dutch invoice where "Subtotaal" is the total incl. BTW: the arithmetic picks the net', () => {
    const text = [
      'FACTUUR',
      'Podiumbouw Noord B.V.      BTW NL123456789B01',
      'Factuurnummer: 2024/0042',
      'Factuurdatum: 19 april 2024',
      'Exclusief BTW   € 1.000,00        Subtotaal   € 1.210,00',
      'BTW 21%         € 210,00',
      'Totaal          € 1.210,00',
    ].join('\n');
    expect(values(text)).toMatchObject({
      supplier: 'Podiumbouw Noord B.V.',
      vatNumber: 'NL123456789B01',
      number: '2024/0042',
      issueDate: '2024-04-19',
      currency: 'EUR',
      net: '1000.00',
      vat: '210.00',
      gross: '1210.00',
    });
  });

  it('reads a German invoice with dotted dates and amounts followed by the currency code', () => {
    const text = [
      'Bühnentechnik Berlin GmbH',
      'USt-IdNr.: DE123456789',
      'Rechnungsnummer: RE-4711',
      'Rechnungsdatum: 03.02.2024',
      'Zahlbar bis: 17.02.2024',
      'Nettobetrag      1.000,00 EUR',
      'MwSt 19%           190,00 EUR',
      'Gesamtbetrag     1.190,00 EUR',
    ].join('\n');
    expect(values(text)).toEqual({
      supplier: 'Bühnentechnik Berlin GmbH',
      vatNumber: 'DE123456789',
      number: 'RE-4711',
      issueDate: '2024-02-03',
      dueDate: '2024-02-17',
      currency: 'EUR',
      net: '1000.00',
      vat: '190.00',
      gross: '1190.00',
    });
  });

  it('reads rand amounts printed as "R 12 345,67"', () => {
    const text = [
      'Karoo Catering (Pty) Ltd',
      'VAT number: 4987654321',
      'Tax invoice',
      'Invoice no: KC-88',
      'Date: 2025-02-14',
      'Subtotal     R 10 735,37',
      'VAT 15%      R 1 610,30',
      'Total        R 12 345,67',
    ].join('\n');
    expect(values(text)).toMatchObject({
      supplier: 'Karoo Catering (Pty) Ltd',
      vatNumber: '4987654321',
      number: 'KC-88',
      issueDate: '2025-02-14',
      currency: 'ZAR',
      net: '10735.37',
      vat: '1610.30',
      gross: '12345.67',
    });
  });

  it('prefers the total that adds up when OCR misread one of two labelled totals', () => {
    const text = [
      'Invoice number: 77-A',
      'Subtotal       $100.00',
      'Tax            $15.00',
      'Balance due    $151.00',
      'Total          $115.00',
    ].join('\n');
    const invoice = parseInvoiceText(text);
    expect(invoice.gross.value).toBe('115.00');
    expect(invoice.arithmetic.netPlusVatIsGross).toBe(true);
  });

  it('warns when the printed amounts do not add up and keeps confidence low', () => {
    const invoice = parseInvoiceText(['Subtotal  $100.00', 'Tax  $15.00', 'Total  $116.00'].join('\n'));
    expect(invoice.arithmetic.netPlusVatIsGross).toBe(false);
    expect(invoice.warnings).toContain('net + VAT does not equal the gross total');
    expect(invoice.gross.confidence).toBeLessThanOrEqual(0.8);
  });

  it('derives the net from gross and VAT when the net is not printed', () => {
    const invoice = parseInvoiceText(['Tax *   $0.00', 'Total for this invoice   $4.11'].join('\n'));
    expect([invoice.net.value, invoice.vat.value, invoice.gross.value]).toEqual(['4.11', '0.00', '4.11']);
    expect(invoice.net.confidence).toBeLessThan(invoice.gross.confidence);
  });

  it('reads a total row that prints net, VAT and gross side by side under column headings', () => {
    const text = ['Montant HT   Montant TVA   Montant TTC', 'Total facture   24.99   5.00   29.99'].join(
      '\n',
    );
    expect(values(text)).toMatchObject({ net: '24.99', vat: '5.00', gross: '29.99' });
  });

  it('flags an ambiguous date instead of guessing, and reads it once a hint or the document settles the order', () => {
    const text = ['Invoice date: 05/01/2018', 'Total: 10.00'].join('\n');
    const ambiguous = parseInvoiceText(text);
    expect(ambiguous.issueDate.value).toBeNull();
    expect(ambiguous.warnings.join(' ')).toMatch(/ambiguous|day-first/);
    expect(parseInvoiceText(text, { hints: { dateOrder: 'day-first' } }).issueDate.value).toBe('2018-01-05');
    expect(parseInvoiceText(text, { hints: { documentLocale: 'fr-BE' } }).issueDate.value).toBe('2018-01-05');
    expect(parseInvoiceText(`${text}\nDue date: 20/01/2018`).issueDate.value).toBe('2018-01-05');
    expect(parseInvoiceText(`${text}\nDue date: 01/20/2018`).issueDate.value).toBe('2018-05-01');
  });

  it('takes the value below a label when the layout prints labels and values in columns', () => {
    const text = [
      'Invoice INV/2024/03/0008',
      'Invoice Date:        Due Date:        Reference:',
      '03/20/2024           04/04/2024       REF123',
    ].join('\n');
    expect(values(text)).toMatchObject({
      number: 'INV/2024/03/0008',
      issueDate: '2024-03-20',
      dueDate: '2024-04-04',
    });
  });

  it('does not take the customer for the supplier, nor an order date for the issue date', () => {
    const text = [
      'Sold By : Example Traders Ltd',
      'Bill to:',
      'Another Company Ltd',
      'Order Date: 15-10-2015',
      'Invoice Date: 20-10-2015',
      'Grand Total   £319.00',
    ].join('\n');
    expect(values(text)).toMatchObject({
      supplier: 'Example Traders Ltd',
      issueDate: '2015-10-20',
      currency: 'GBP',
    });
  });

  it('leaves "1.250" unread unless a hint says which separator is the decimal one', () => {
    const text = 'Total  EUR 1.250';
    expect(parseInvoiceText(text).gross.value).toBeNull();
    expect(parseInvoiceText(text, { hints: { decimalSeparator: ',' } }).gross.value).toBe('1250.00');
  });

  it('caps confidence by the OCR confidence', () => {
    const text = ['Invoice number: 9', 'Subtotal $10.00', 'Tax $1.50', 'Total $11.50'].join('\n');
    expect(parseInvoiceText(text, { ocrConfidence: 0.5 }).gross.confidence).toBeLessThanOrEqual(0.6);
  });

  describe('OCR misreadings put right by the arithmetic, with low confidence so a person confirms them', () => {
    // What tesseract made of a speckled scan of a generated invoice: a minus before the subtotal, VAT's comma lost.
    const scanned = [
      'Karoo Sound Hire (Pty) Ltd        INVOICE',
      'VAT number: 4123456789',
      'Invoice number:      KSH-2025-0147',
      'Invoice date:        14/03/2025',
      'Description        Qty      Unit price    Amount',
      'Line array speakers, 3 days        2     R 12 500,00   R 25 000,00',
      'Mixing desk with operator        3     R 4 150,50   R 12 451,50',
      'Cable and rigging kit        1      R 899,99     R 899,99',
      'Subtotal        R-38 351,49',
      'VAT 15%        R 575272',
      'Total due      R 44 104,21',
    ].join('\n');

    it('restores the sign and the decimal mark when net + VAT = gross and the lines confirm it', () => {
      const invoice = parseInvoiceText(scanned, { method: 'ocr' });
      expect([invoice.net.value, invoice.vat.value, invoice.gross.value]).toEqual([
        '38351.49',
        '5752.72',
        '44104.21',
      ]);
      expect(invoice.net.confidence).toBeLessThan(0.6);
      expect(invoice.vat.confidence).toBeLessThan(0.6);
      expect(invoice.gross.confidence).toBeGreaterThanOrEqual(0.6);
      expect(invoice.warnings.join(' ')).toContain('lost decimal mark');
    });

    it('does not repair a text layer: what it prints is what the supplier wrote', () => {
      const invoice = parseInvoiceText(scanned, { method: 'text-layer' });
      expect(invoice.vat.value).not.toBe('5752.72');
      expect(invoice.arithmetic.netPlusVatIsGross).not.toBe(true);
    });

    it('keeps a misreading unrepaired when the arithmetic does not confirm the repair', () => {
      const text = ['Subtotal   R 1 000,00', 'VAT 15%   R 15000', 'Total due   R 1 250,00'].join('\n');
      const invoice = parseInvoiceText(text, { method: 'ocr' });
      expect(invoice.vat.value).not.toBe('150.00');
      expect(invoice.arithmetic.netPlusVatIsGross).not.toBe(true);
    });
  });
});
