import { randomUUID } from 'node:crypto';
import {
  generateInvoicePdf,
  sampleInvoiceSpec,
} from '../../activities/src/extraction/testing/invoice-generator';

/** GraphQL against the running API, as a user of a token; answers as they come. */

export interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

export async function gql<T>(
  apiUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlAnswer<T>> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await response.json()) as GraphqlAnswer<T>;
}

/** The answer's data; any error fails the test with what the API said. */
export async function data<T>(
  apiUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const answer = await gql<T>(apiUrl, token, query, variables);
  if (answer.errors?.length || !answer.data)
    throw new Error(`GraphQL refused: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

export function codeOf(answer: GraphqlAnswer<unknown>): string | undefined {
  return answer.errors?.[0]?.extensions?.code;
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export interface InboxTask {
  id: string;
  kind: string;
  title: string;
  status: string;
  assigneeId: string | null;
  assignmentReason: string | null;
  approvalLevel: number | null;
}

export async function myTasks(
  apiUrl: string,
  token: string,
  search: string,
  kinds: string[],
): Promise<InboxTask[]> {
  const answer = await data<{ myTasks: { items: InboxTask[] } }>(
    apiUrl,
    token,
    `query($search: String, $filter: TaskFilter) { myTasks(search: $search, filter: $filter, first: 50) {
       items { id kind title status assigneeId assignmentReason approvalLevel } } }`,
    { search, filter: { kinds } },
  );
  return answer.myTasks.items;
}

/** A fresh invoice number of the demo supplier Soundwave, unique per run. */
export function soundwaveInvoiceNumber(): string {
  return `KSR-${randomUUID().slice(0, 8).toUpperCase()}`;
}

/** Uploads a generated invoice of Soundwave (issued today) through REST as the supplier's own login. */
export async function uploadSoundwaveInvoice(
  apiUrl: string,
  supplierToken: string,
  invoice: { number: string; net: string; eventId: string; supplierId: string },
): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const pdf = await generateInvoicePdf(
    sampleInvoiceSpec({
      supplier: {
        name: 'Soundwave Audio Hire (Pty) Ltd',
        vatNumber: '4230245781',
        address: ['1 Main Road', 'Cape Town'],
      },
      number: invoice.number,
      issueDate: today,
      dueDate: today,
      dateStyle: 'iso',
      lines: [{ description: 'Stage and rigging', quantity: '1', unitPrice: invoice.net }],
    }),
  );
  const form = new FormData();
  form.append('eventId', invoice.eventId);
  form.append('supplierId', invoice.supplierId);
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), `${invoice.number}.pdf`);
  const upload = await fetch(`${apiUrl}/invoices/uploads`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${supplierToken}` },
    body: form,
    signal: AbortSignal.timeout(60_000),
  });
  if (upload.status !== 202) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
}
