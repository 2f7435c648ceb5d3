import type { TaskDetailQuery } from '../app/core/api/generated/graphql';

/** Answers of the API about tasks, as specs flush them. */

export const zar = (amount: string) => ({ amount, currency: 'ZAR', minorUnits: 2 });

const field = (value: string | null, confidence = 0.97) => ({ value, confidence });

/**
 * An open invoice review of Soundwave's invoice KSR-0042, which reuses the number of an earlier, posted invoice: its
 * failed checks, intake's assessment (supplier matched, no budget line), a low-confidence VAT and the duplicate.
 */
export function reviewTaskDetail(id = 'r1'): TaskDetailQuery['task'] {
  return {
    task: {
      id,
      kind: 'invoice_review',
      title: 'Review invoice KSR-0042: Soundwave already has invoice KSR-0042.',
      status: 'OPEN',
      createdAt: '2026-12-01T08:00:00.000Z',
      dueAt: null,
      completedAt: null,
      supplierName: 'Soundwave Audio Hire (Pty) Ltd',
      eventId: 'e1',
      approvalLevel: null,
      assigneeId: null,
      assignmentReason: null,
      candidateRoles: ['finance'],
      decidable: true,
      amount: null,
    },
    invoiceId: null,
    invoiceNumber: null,
    documentPreview: {
      url: 'http://127.0.0.1:27070/eventvault-documents/new.png?X-Amz-Signature=x',
      expiresAt: '2026-12-01T09:00:00.000Z',
    },
    thumbnail: null,
    extracted: {
      method: 'text-layer',
      warnings: [],
      supplierName: field('Soundwave Audio Hire (Pty) Ltd'),
      supplierVatNumber: field('4230245781'),
      invoiceNumber: field('KSR-0042'),
      issueDate: field('2026-11-28'),
      dueDate: field('2026-12-28'),
      currency: field('ZAR'),
      net: field('2000.00'),
      vat: field('300.00', 0.41),
      gross: field('2300.00'),
    },
    budgetLine: null,
    decisions: [],
    reviewReasons: [
      {
        code: 'duplicate-number',
        message: 'Soundwave Audio Hire (Pty) Ltd already has invoice KSR-0042 dated 2026-11-01 (posted).',
        blocking: true,
      },
      {
        code: 'low-confidence',
        message: 'The VAT amount "300.00" was read with low confidence (0.41).',
        blocking: false,
      },
    ],
    assessment: {
      intakeStatus: 'in-review',
      draft: {
        supplierName: 'Soundwave Audio Hire (Pty) Ltd',
        supplierVatNumber: '4230245781',
        invoiceNumber: 'KSR-0042',
        issueDate: '2026-11-28',
        dueDate: '2026-12-28',
        currency: 'ZAR',
        net: '2000.00',
        vat: '300.00',
        gross: '2300.00',
      },
      supplierId: 's1',
      supplierName: 'Soundwave Audio Hire (Pty) Ltd',
      supplierMatchedBy: 'vat-number',
      eventId: 'e1',
      budgetLineId: null,
      baseCurrency: 'ZAR',
      amountInBaseCurrency: zar('2300.00'),
      issues: [],
    },
    likelyDuplicates: [
      {
        invoiceId: 'i-earlier',
        number: 'KSR-0042',
        supplierName: 'Soundwave Audio Hire (Pty) Ltd',
        issueDate: '2026-11-01',
        dueDate: '2026-12-01',
        net: zar('1000.00'),
        vat: zar('150.00'),
        gross: zar('1150.00'),
        status: 'posted',
        receivedAt: '2026-11-01T09:00:00.000Z',
        matchedBy: ['SAME_NUMBER'],
        documentPreview: {
          url: 'http://127.0.0.1:27070/eventvault-documents/earlier.png?X-Amz-Signature=y',
          expiresAt: '2026-12-01T09:00:00.000Z',
        },
      },
    ],
  };
}

/** The answers the review form asks for: events, and the event's budget lines. */
export const reviewEvents = {
  events: {
    items: [
      { id: 'e1', name: 'Kalahari Sun Festival 2026', startsOn: '2026-03-06', status: 'confirmed' },
      { id: 'e2', name: 'Karoo Jazz Weekend 2026', startsOn: '2026-05-01', status: 'planning' },
    ],
  },
};

export const reviewBudgetLines = {
  budget: {
    id: 'b1',
    currentVersion: {
      id: 'v1',
      status: 'approved',
      lines: [
        { id: 'l1', code: 'PRD-010', description: 'Stage and sound', amount: zar('250000.00') },
        { id: 'l2', code: 'PRD-020', description: 'Lighting', amount: zar('80000.00') },
      ],
    },
  },
};
