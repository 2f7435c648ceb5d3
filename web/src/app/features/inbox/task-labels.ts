const kindLabels: Readonly<Record<string, string>> = {
  invoice_approval: 'Invoice approval',
  invoice_review: 'Invoice review',
  bank_details_verification: 'Bank details check',
};

/** "invoice_review" → "Invoice review"; kinds added later read sensibly before they get a label. */
export function taskKindLabel(kind: string): string {
  const known = kindLabels[kind];
  if (known !== undefined) return known;
  const words = kind.replace(/[_-]+/g, ' ').trim();
  return words === '' ? 'Task' : words.charAt(0).toUpperCase() + words.slice(1);
}

const decisionLabels: Readonly<Record<string, string>> = {
  approve: 'Approved',
  reject: 'Rejected',
  'request-changes': 'Changes requested',
};

export function decisionLabel(decision: string): string {
  return decisionLabels[decision] ?? taskKindLabel(decision);
}

/** A confidence as people read it, and whether it is low enough to check by eye (the extractor's own threshold). */
export function confidenceLabel(confidence: number): { readonly text: string; readonly low: boolean } {
  const percent = Math.round(Math.min(1, Math.max(0, confidence)) * 100);
  return { text: `${percent} %`, low: confidence < 0.6 };
}

const dateFormat = new Intl.DateTimeFormat('en-ZA', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-ZA', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

export function shortDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function shortDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}
