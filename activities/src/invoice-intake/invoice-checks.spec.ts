import type { ExtractedInvoice } from '@eventvault/domain';
import { buildDraft, evaluateInvoiceChecks, type InvoiceFacts } from './invoice-checks';
import type { InvoiceCorrections } from './intake-types';

const field = (value: string | null, confidence = 0.95) => ({
  value,
  confidence: value === null ? 0 : confidence,
});

function extracted(overrides: Partial<ExtractedInvoice> = {}): ExtractedInvoice {
  return {
    method: 'text-layer',
    pageCount: 1,
    supplierName: field('Karoo Staging (Pty) Ltd'),
    supplierVatNumber: field('4120189357'),
    invoiceNumber: field('INV-001'),
    issueDate: field('2026-09-05'),
    dueDate: field('2026-10-05'),
    currency: field('ZAR'),
    net: field('1000.00'),
    vat: field('150.00'),
    gross: field('1150.00'),
    lines: [],
    arithmetic: { linesSumToNet: null, netPlusVatIsGross: true },
    warnings: [],
    ...overrides,
  };
}

function facts(overrides: Partial<InvoiceFacts> = {}, corrections: InvoiceCorrections = {}): InvoiceFacts {
  const x = overrides.extracted ?? extracted();
  return {
    extracted: x,
    corrections,
    draft: buildDraft(x, corrections),
    supplier: {
      name: 'Karoo Staging (Pty) Ltd',
      vatNumber: '4120189357',
      bankDetailsChangedAt: null,
      chosen: false,
    },
    eventId: 'event-1',
    budgetLineId: 'line-1',
    sameContent: [],
    sameNumber: [],
    purchaseOrder: null,
    baseCurrency: 'ZAR',
    fxRateFound: false,
    standardVatPercent: '15',
    now: new Date('2026-10-01T00:00:00Z'),
    bankDetailsWindowDays: 30,
    ...overrides,
  };
}

const codes = (f: InvoiceFacts) => evaluateInvoiceChecks(f).map((issue) => issue.code);

describe('evaluateInvoiceChecks', () => {
  it('passes a complete, consistent invoice from a known supplier with a budget line', () => {
    expect(evaluateInvoiceChecks(facts())).toEqual([]);
  });

  it('asks about missing and low-confidence fields, but not about fields a reviewer corrected', () => {
    const x = extracted({ invoiceNumber: field(null), gross: field('1150.00', 0.3) });
    expect(codes(facts({ extracted: x }))).toEqual(['missing-field', 'low-confidence']);
    expect(codes(facts({ extracted: x }, { invoiceNumber: 'INV-001', gross: '1150.00' }))).toEqual([]);
  });

  it('catches arithmetic that does not add up, and lines that do not sum to the net', () => {
    const x = extracted({ gross: field('1105.00') });
    expect(codes(facts({ extracted: x }))).toContain('arithmetic');
    const lines = extracted({ arithmetic: { linesSumToNet: false, netPlusVatIsGross: true } });
    expect(evaluateInvoiceChecks(facts({ extracted: lines }))[0]?.message).toMatch(/lines do not add up/);
  });

  it('reads line rates on the net when the lines do not reconcile, and accepts VAT-inclusive line prices', () => {
    const oneRate = (net: string) => ({
      description: 'x',
      quantity: null,
      unitPrice: null,
      vatRate: '21',
      net,
    });
    // Lines printed VAT-inclusive plus an informational levy line: they reconcile with nothing, one rate applies.
    const unreconciled = extracted({
      currency: field('EUR'),
      net: field('593.36'),
      vat: field('124.61'),
      gross: field('717.97'),
      lines: [oneRate('399.00'), oneRate('318.97'), oneRate('4.24')],
      arithmetic: { linesSumToNet: false, netPlusVatIsGross: true },
    });
    expect(codes(facts({ extracted: unreconciled }))).not.toContain('vat-inconsistent');
    const wrongVat = extracted({
      currency: field('EUR'),
      net: field('593.36'),
      vat: field('150.00'),
      gross: field('743.36'),
      lines: [oneRate('593.36')],
      arithmetic: { linesSumToNet: false, netPlusVatIsGross: true },
    });
    expect(codes(facts({ extracted: wrongVat }))).toContain('vat-inconsistent');
    // Lines that sum to the gross: VAT-inclusive prices.
    const inclusive = extracted({
      currency: field('EUR'),
      net: field('593.36'),
      vat: field('124.61'),
      gross: field('717.97'),
      lines: [oneRate('399.00'), oneRate('318.97')],
      arithmetic: { linesSumToNet: true, netPlusVatIsGross: true },
    });
    expect(codes(facts({ extracted: inclusive }))).not.toContain('vat-inconsistent');
  });

  it('checks VAT against the standard rate (or zero-rated) for a domestic invoice, and against line rates', () => {
    const wrong = extracted({ vat: field('140.00'), gross: field('1140.00') });
    expect(codes(facts({ extracted: wrong }))).toEqual(['vat-inconsistent']);
    const zeroRated = extracted({ vat: field('0.00'), gross: field('1000.00') });
    expect(codes(facts({ extracted: zeroRated }))).toEqual([]);
    const mixed = extracted({
      lines: [
        { description: 'a', quantity: null, unitPrice: null, vatRate: '15', net: '600.00' },
        { description: 'b', quantity: null, unitPrice: null, vatRate: '0', net: '400.00' },
      ],
      vat: field('90.00'),
      gross: field('1090.00'),
    });
    expect(codes(facts({ extracted: mixed }))).toEqual([]);
  });

  it('blocks a duplicate number of the supplier from any year and a file uploaded before, saying which', () => {
    const issues = evaluateInvoiceChecks(
      facts({
        sameNumber: [{ number: 'inv 001', invoiceDate: '2025-02-01', status: 'posted' }],
        sameContent: [{ documentId: 'doc-9', invoiceNumber: 'INV-001' }],
      }),
    );
    expect(issues.map((i) => i.code)).toEqual(['duplicate-content', 'duplicate-number']);
    expect(issues[1]?.message).toBe(
      'Karoo Staging (Pty) Ltd already has invoice inv 001 dated 2025-02-01 (posted).',
    );
  });

  it('raises recently changed bank details as a fraud signal, inside the configured window only', () => {
    const changed = {
      name: 'Karoo Staging (Pty) Ltd',
      vatNumber: '4120189357',
      bankDetailsChangedAt: new Date('2026-09-20T00:00:00Z'),
      chosen: false,
    };
    expect(codes(facts({ supplier: changed }))).toEqual(['bank-details-changed']);
    expect(codes(facts({ supplier: changed, bankDetailsWindowDays: 7 }))).toEqual([]);
  });

  it('needs a supplier, an event, a budget line and, for a foreign invoice, an exchange rate', () => {
    expect(codes(facts({ supplier: null }))).toEqual(['unknown-supplier']);
    expect(codes(facts({ eventId: null }))).toEqual(['no-event']);
    expect(codes(facts({ budgetLineId: null }))).toEqual(['no-budget-line']);
    const euro = extracted({
      currency: field('EUR'),
      vat: field('190.00'),
      net: field('1000.00'),
      gross: field('1190.00'),
    });
    expect(codes(facts({ extracted: euro }))).toEqual(['fx-rate-missing']);
    expect(codes(facts({ extracted: euro, fxRateFound: true }))).toEqual([]);
  });

  it('compares the invoice with the purchase order it names', () => {
    const po = {
      number: 'PO-1',
      found: true as const,
      sameSupplier: true,
      gross: '1000.00',
      currency: 'ZAR',
      status: 'issued',
    };
    expect(evaluateInvoiceChecks(facts({ purchaseOrder: po }))[0]?.message).toMatch(
      /exceeds purchase order PO-1/,
    );
    expect(codes(facts({ purchaseOrder: { ...po, gross: '2000.00', sameSupplier: false } }))).toEqual([
      'purchase-order',
    ]);
    expect(codes(facts({ purchaseOrder: { number: 'PO-X', found: false } }))).toEqual(['purchase-order']);
  });

  it('asks who is to be paid when a document filed under one supplier is printed by another', () => {
    const chosen = (vatNumber: string | null) => ({
      name: 'Soundwave Audio Hire (Pty) Ltd',
      vatNumber,
      bankDetailsChangedAt: null,
      chosen: true,
    });
    const coolblue = extracted({
      supplierName: field('Coolblue B.V.'),
      supplierVatNumber: field('NL810433941B01'),
    });
    const [issue] = evaluateInvoiceChecks(facts({ extracted: coolblue, supplier: chosen('4230245781') }));
    expect(issue).toEqual({
      code: 'supplier-mismatch',
      message:
        'The document is from Coolblue B.V., VAT NL810433941B01, but it came in as Soundwave Audio Hire (Pty) Ltd: check who is to be paid.',
    });
    // The name alone decides when either side has no VAT number.
    expect(codes(facts({ extracted: coolblue, supplier: chosen(null) }))).toEqual(['supplier-mismatch']);
    // The same VAT number under a trading name is the same supplier.
    const tradingName = extracted({
      supplierName: field('Soundwave'),
      supplierVatNumber: field('4230 245 781'),
    });
    expect(codes(facts({ extracted: tradingName, supplier: chosen('4230245781') }))).toEqual([]);
    const ownName = extracted({
      supplierName: field('SOUNDWAVE AUDIO HIRE PTY LTD'),
      supplierVatNumber: field(null),
    });
    expect(codes(facts({ extracted: ownName, supplier: chosen('4230245781') }))).toEqual([]);
    // A supplier matched from what the document prints cannot disagree with it.
    expect(codes(facts({ extracted: coolblue, supplier: { ...chosen(null), chosen: false } }))).toEqual([]);
  });
});
