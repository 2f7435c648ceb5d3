import { type InvoiceIntakeState } from '@eventvault/workflows';
import { assessmentOf, reviewReasonsOf, toIssueModel } from './intake-views';
import { toReviewCompletion } from './task-actions.service';

const finance = { userId: 'u-finance', roles: ['finance'] };

describe('toReviewCompletion', () => {
  it('sends the workflow only what the reviewer gave, trimmed, in its own words', () => {
    expect(
      toReviewCompletion(finance, {
        decision: 'accept',
        comment: '  ',
        corrections: { invoiceNumber: 'KSH-0042-B', net: '1000.00' },
        supplierId: null,
        newSupplier: { name: '  Karoo Staging  ', vatNumber: ' ', email: 'ops@karoo.test' },
        eventId: 'e-1',
        budgetLineId: 'l-1',
        purchaseOrderNumber: ' PO-7 ',
        fxRate: { rate: '18.2345', date: '2027-02-01', source: ' SARB ' },
        supplierDocumentLocale: 'de-DE',
      }),
    ).toEqual({
      userId: 'u-finance',
      roles: ['finance'],
      decision: 'accept',
      corrections: { invoiceNumber: 'KSH-0042-B', net: '1000.00' },
      newSupplier: { name: 'Karoo Staging', email: 'ops@karoo.test' },
      eventId: 'e-1',
      budgetLineId: 'l-1',
      purchaseOrderNumber: 'PO-7',
      fxRate: { rate: '18.2345', date: '2027-02-01', source: 'SARB' },
      supplierHints: { documentLocale: 'de-DE' },
    });
  });

  it('rejects with the reason and nothing else it was not given', () => {
    expect(
      toReviewCompletion(finance, {
        decision: 'reject',
        comment: ' Not ours ',
        corrections: { vat: null } as never,
      }),
    ).toEqual({ userId: 'u-finance', roles: ['finance'], decision: 'reject', comment: 'Not ours' });
  });
});

describe('the intake state as the task detail shows it', () => {
  const draft = {
    supplierName: 'Soundwave Audio Hire (Pty) Ltd',
    supplierVatNumber: '4230245781',
    invoiceNumber: 'KSR-1',
    issueDate: '2027-02-01',
    dueDate: null,
    currency: 'ZAR',
    net: '1000.00',
    vat: '150.00',
    gross: '1150.00',
  };
  const state = {
    status: 'in-review',
    review: {
      taskId: 't-1',
      reasons: [
        { code: 'duplicate-number', message: 'Soundwave already has invoice KSR-1.' },
        { code: 'vat-inconsistent', message: 'VAT 150.00 ZAR does not match the rates.' },
      ],
    },
    assessment: {
      draft,
      supplier: { id: 's-1', name: 'Soundwave Audio Hire (Pty) Ltd', matchedBy: 'vat-number' },
      eventId: 'e-1',
      budgetLineId: null,
      purchaseOrderId: null,
      baseCurrency: 'ZAR',
      fxRateId: null,
      amountInBaseCurrency: { amount: '1150.00', currency: 'ZAR' },
      issues: [{ code: 'no-budget-line', message: 'Choose one.' }],
    },
  } as unknown as InvoiceIntakeState;

  it('says which failed checks block the invoice until the data is put right', () => {
    expect(toIssueModel({ code: 'fx-rate-missing', message: 'm' }).blocking).toBe(true);
    expect(toIssueModel({ code: 'low-confidence', message: 'm' }).blocking).toBe(false);
    expect(reviewReasonsOf(state)).toEqual([
      { code: 'duplicate-number', message: 'Soundwave already has invoice KSR-1.', blocking: true },
      { code: 'vat-inconsistent', message: 'VAT 150.00 ZAR does not match the rates.', blocking: false },
    ]);
  });

  it('has no reasons once the review was completed, while the assessment stays readable', () => {
    const completed = { ...state, status: 'checking', review: null } as InvoiceIntakeState;
    expect(reviewReasonsOf(completed)).toEqual([]);
    expect(assessmentOf(completed)).toEqual({
      intakeStatus: 'checking',
      draft,
      supplierId: 's-1',
      supplierName: 'Soundwave Audio Hire (Pty) Ltd',
      supplierMatchedBy: 'vat-number',
      eventId: 'e-1',
      budgetLineId: null,
      baseCurrency: 'ZAR',
      amountInBaseCurrency: { amount: '1150.00', currency: 'ZAR', minorUnits: 2 },
      issues: [{ code: 'no-budget-line', message: 'Choose one.', blocking: true }],
    });
    expect(assessmentOf({ ...state, assessment: null })).toBeNull();
  });
});
