import { randomUUID } from 'node:crypto';
import {
  generateInvoicePdf,
  sampleInvoiceSpec,
} from '../../../activities/src/extraction/testing/invoice-generator';
import { InvoiceIntakeRepository } from '../../../activities/src/invoice-intake/invoice-intake.repository';
import { bankDetailsCipherFromConfig } from '../../../activities/src/suppliers/bank-details-cipher';
import { SupplierRepository } from '../../../activities/src/suppliers/supplier.repository';
import { demoRejectedBankDetailsChange, demoSupplierLogin } from '../../../scripts/seed/demo-portal';
import { demoPasswordGrant, demoStepUpLogin } from '../../../scripts/testing/keycloak-tokens';
import { realm } from '../support';
import { gql, type SeededApi, startSeededApi } from './finance-api';

// The supplier portal on the demo seed: supplier@kalahari.demo speaks for Soundwave Audio Hire and sees its own
// invoices, quotes, payments and bank details only; a bank-details change waits for finance's step-up approval.

let api: SeededApi;
let tokens: { supplier: string; finance: string; financeMfa: string; karoo: string };
let org: string;
let soundwave: string;
let staging: string;
let supplierUser: string;

beforeAll(async () => {
  api = await startSeededApi('portal_api');
  tokens = {
    supplier: (await demoPasswordGrant(realm(), demoSupplierLogin.username)).accessToken,
    finance: (await demoPasswordGrant(realm(), 'finance@kalahari.demo')).accessToken,
    financeMfa: (await demoStepUpLogin(realm(), 'finance@kalahari.demo')).accessToken,
    karoo: (await demoPasswordGrant(realm(), 'finance@karoo.demo')).accessToken,
  };
  org = (await api.db.organisation.findUniqueOrThrow({ where: { slug: 'kalahari-live' } })).id;
  const supplier = (name: string) =>
    api.db.supplier.findFirstOrThrow({ where: { organisationId: org, name }, select: { id: true } });
  soundwave = (await supplier(demoSupplierLogin.supplierName)).id;
  staging = (await supplier('Karoo Staging & Rigging (Pty) Ltd')).id;
  supplierUser = (
    await api.db.appUser.findFirstOrThrow({
      where: { organisationId: org, username: demoSupplierLogin.username },
    })
  ).id;
});

afterAll(async () => {
  await api?.close();
});

const submissions = `{ mySubmissions(first: 50) { totalCount items { id number supplierId status
  gross { amount currency } statusHistory { status at reason } } } }`;
interface Submissions {
  mySubmissions: {
    totalCount: number;
    items: {
      id: string;
      supplierId: string;
      status: string;
      statusHistory: { status: string; reason: string | null }[];
    }[];
  };
}

describe('supplier portal', () => {
  it('links the demo supplier user to its supplier in the seed', async () => {
    const profile = await gql<{
      mySupplierProfile: { id: string; name: string; bankDetails: { accountEnding: string } };
    }>(api.url, tokens.supplier, '{ mySupplierProfile { id name bankDetails { bankName accountEnding } } }');
    expect(profile.errors).toEqual([]);
    expect(profile.data!.mySupplierProfile).toMatchObject({
      id: soundwave,
      name: demoSupplierLogin.supplierName,
    });
    expect(profile.data!.mySupplierProfile.bankDetails.accountEnding).toMatch(/^\d{4}$/);
    const changes = await gql<{
      myBankDetailsChanges: { items: { status: string; decisionReason: string }[] };
    }>(
      api.url,
      tokens.supplier,
      '{ myBankDetailsChanges { items { status accountEnding decisionReason } } }',
    );
    expect(changes.data!.myBankDetailsChanges.items).toEqual([
      { status: 'rejected', accountEnding: '3987', decisionReason: demoRejectedBankDetailsChange.reason },
    ]);
  });

  it('shows the supplier its own invoices with status history and the reason of a rejection', async () => {
    const pending = await api.db.invoice.findFirstOrThrow({
      where: { organisationId: org, supplierId: soundwave, status: 'pending_approval' },
    });
    await new InvoiceIntakeRepository(api.db, org).transitionInvoice(
      pending.id,
      'rejected',
      ['pending_approval'],
      {
        actorId: null,
        reason: 'The PA hire was quoted at a lower day rate',
      },
    );
    const answer = await gql<Submissions>(api.url, tokens.supplier, submissions);
    expect(answer.errors).toEqual([]);
    const own = await api.db.invoice.count({ where: { organisationId: org, supplierId: soundwave } });
    expect(answer.data!.mySubmissions.totalCount).toBe(own);
    expect(answer.data!.mySubmissions.items.every((i) => i.supplierId === soundwave)).toBe(true);
    const rejected = answer.data!.mySubmissions.items.find((i) => i.id === pending.id)!;
    expect(rejected.statusHistory).toEqual([
      { status: 'received', at: expect.any(String) as unknown, reason: null },
      { status: 'pending_approval', at: expect.any(String) as unknown, reason: null },
      {
        status: 'rejected',
        at: expect.any(String) as unknown,
        reason: 'The PA hire was quoted at a lower day rate',
      },
    ]);
  });

  it('offers the events it dealt with and those open for business, by name and dates only', async () => {
    const answer = await gql<{
      portalEvents: { id: string; name: string; startsOn: string; endsOn: string }[];
    }>(api.url, tokens.supplier, '{ portalEvents { id name startsOn endsOn } }');
    const invoicedEvents = await api.db.invoice.findMany({
      where: { organisationId: org, supplierId: soundwave },
      select: { eventId: true },
      distinct: ['eventId'],
    });
    const open = await api.db.event.findMany({
      where: { organisationId: org, status: { in: ['planning', 'confirmed', 'live'] } },
      select: { id: true },
    });
    const expected = new Set([...invoicedEvents.map((row) => row.eventId), ...open.map((row) => row.id)]);
    const ids = answer.data!.portalEvents.map((event) => event.id);
    expect(new Set(ids)).toEqual(expected);
    expect(ids.length).toBe(expected.size);
    const starts = answer.data!.portalEvents.map((event) => event.startsOn);
    expect(starts).toEqual([...starts].sort());
    const closedElsewhere = await api.db.event.findMany({
      where: { organisationId: org, status: { in: ['closed', 'cancelled'] }, id: { notIn: [...expected] } },
      select: { id: true },
    });
    expect(ids.some((id) => closedElsewhere.some((event) => event.id === id))).toBe(false);
  });

  it('shows its own payments and quotes, and never another supplier’s', async () => {
    const event = await api.db.event.findFirstOrThrow({ where: { organisationId: org } });
    for (const supplierId of [soundwave, staging]) {
      await api.db.quote.create({
        data: {
          organisationId: org,
          supplierId,
          eventId: event.id,
          reference: `Q-${supplierId.slice(0, 4)}`,
          currency: 'ZAR',
          netAmount: '1000.00',
          vatAmount: '150.00',
          grossAmount: '1150.00',
        },
      });
    }
    const quotes = await gql<{ myQuotes: { items: { reference: string; gross: { amount: string } }[] } }>(
      api.url,
      tokens.supplier,
      '{ myQuotes { items { reference status gross { amount currency } } } }',
    );
    expect(quotes.data!.myQuotes.items).toEqual([
      {
        reference: `Q-${soundwave.slice(0, 4)}`,
        status: 'received',
        gross: { amount: '1150.00', currency: 'ZAR' },
      },
    ]);
    const payments = await gql<{ myPayments: { totalCount: number; items: { invoiceId: string }[] } }>(
      api.url,
      tokens.supplier,
      '{ myPayments { totalCount items { invoiceId paidOn amount { amount currency } } } }',
    );
    const paid = await api.db.payment.findMany({ where: { organisationId: org, supplierId: soundwave } });
    expect(paid.length).toBeGreaterThan(0);
    expect(payments.data!.myPayments.items.map((p) => p.invoiceId).sort()).toEqual(
      paid.map((p) => p.invoiceId).sort(),
    );

    // Linked to another supplier, the same login sees that supplier's invoices and none of Soundwave's.
    const soundwaveInvoices = (
      await gql<Submissions>(api.url, tokens.supplier, submissions)
    ).data!.mySubmissions.items.map((i) => i.id);
    await api.db.appUser.update({ where: { id: supplierUser }, data: { supplierId: staging } });
    try {
      const other = await gql<Submissions>(api.url, tokens.supplier, submissions);
      expect(other.data!.mySubmissions.items.length).toBeGreaterThan(0);
      expect(other.data!.mySubmissions.items.every((i) => i.supplierId === staging)).toBe(true);
      expect(other.data!.mySubmissions.items.map((i) => i.id)).not.toEqual(
        expect.arrayContaining([soundwaveInvoices[0]]),
      );
      // Unlinked: no supplier data at all.
      await api.db.appUser.update({ where: { id: supplierUser }, data: { supplierId: null } });
      expect((await gql(api.url, tokens.supplier, submissions)).code).toBe('FORBIDDEN');
    } finally {
      await api.db.appUser.update({ where: { id: supplierUser }, data: { supplierId: soundwave } });
    }
  });

  it('refuses an invoice upload in another supplier’s name', async () => {
    const event = await api.db.event.findFirstOrThrow({ where: { organisationId: org } });
    const pdf = await generateInvoicePdf(sampleInvoiceSpec({ number: `SW-${randomUUID().slice(0, 8)}` }));
    const form = new FormData();
    form.append('eventId', event.id);
    form.append('supplierId', staging);
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'invoice.pdf');
    const response = await fetch(`${api.url}/invoices/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.supplier}` },
      body: form,
      signal: AbortSignal.timeout(60_000),
    });
    expect(response.status).toBe(403);
  });

  it('is for suppliers only', async () => {
    expect((await gql(api.url, tokens.finance, submissions)).code).toBe('FORBIDDEN');
    expect((await gql(api.url, tokens.karoo, '{ mySupplierProfile { id } }')).code).toBe('FORBIDDEN');
  });
});

describe('bank details change', () => {
  const request = `mutation ($input: BankDetailsInput!) { requestBankDetailsChange(input: $input) {
    id status bankName accountEnding } }`;
  const decide = `mutation ($input: DecideBankDetailsChangeInput!) { decideBankDetailsChange(input: $input) {
    id status decidedAt decisionReason } }`;
  const newDetails = {
    accountHolder: 'Soundwave Audio Hire (Pty) Ltd',
    bankName: 'Investec Bank',
    accountNumber: '1004 5566 7788',
    branchCode: '580105',
  };

  it('takes effect only after finance approves with fresh MFA, and the fraud check sees the change', async () => {
    const register = new SupplierRepository(
      api.db,
      org,
      bankDetailsCipherFromConfig({ BANK_DETAILS_KEYRING: api.keyring }),
    );
    const before = await register.bankDetails(soundwave);
    const asked = await gql<{
      requestBankDetailsChange: { id: string; status: string; accountEnding: string };
    }>(api.url, tokens.supplier, request, { input: newDetails });
    expect(asked.errors).toEqual([]);
    expect(asked.data!.requestBankDetailsChange).toMatchObject({ status: 'pending', accountEnding: '7788' });
    expect(asked.raw).not.toContain('100455667788');
    const changeId = asked.data!.requestBankDetailsChange.id;
    // Nothing changed yet, and finance has a task.
    expect(await register.bankDetails(soundwave)).toEqual(before);
    const task = await api.db.task.findFirstOrThrow({ where: { organisationId: org, subjectId: changeId } });
    expect(task).toMatchObject({ kind: 'bank_details_review', status: 'open' });
    expect((await gql(api.url, tokens.supplier, request, { input: newDetails })).code).toBe('VALIDATION');

    const listed = await gql<{ bankDetailsChanges: { items: { id: string }[] } }>(
      api.url,
      tokens.finance,
      '{ bankDetailsChanges(status: "pending") { items { id supplierId accountEnding } } }',
    );
    expect(listed.data!.bankDetailsChanges.items.map((c) => c.id)).toEqual([changeId]);
    const karooList = await gql<{ bankDetailsChanges: { items: unknown[] } }>(
      api.url,
      tokens.karoo,
      '{ bankDetailsChanges { items { id } } }',
    );
    expect(karooList.data!.bankDetailsChanges.items).toEqual([]);

    expect((await gql(api.url, tokens.finance, decide, { input: { changeId, approve: true } })).code).toBe(
      'STEP_UP_REQUIRED',
    );
    expect((await gql(api.url, tokens.supplier, decide, { input: { changeId, approve: true } })).code).toBe(
      'FORBIDDEN',
    );
    const approvedAt = Date.now();
    const approved = await gql<{ decideBankDetailsChange: { status: string } }>(
      api.url,
      tokens.financeMfa,
      decide,
      {
        input: { changeId, approve: true, reason: 'Confirmed by phone with the MD' },
      },
    );
    expect(approved.errors).toEqual([]);
    expect(approved.data!.decideBankDetailsChange.status).toBe('approved');

    expect(await register.bankDetails(soundwave)).toMatchObject({
      bankName: 'Investec Bank',
      accountNumber: '100455667788',
    });
    // The invoice checks read the supplier record's bankDetailsChangedAt: it is now, inside any window.
    const record = await register.findById(soundwave);
    expect(Math.abs(record!.bankDetailsChangedAt!.getTime() - approvedAt)).toBeLessThan(60_000);
    const profile = await gql<{
      mySupplierProfile: { bankDetails: { bankName: string; accountEnding: string } };
    }>(api.url, tokens.supplier, '{ mySupplierProfile { bankDetails { bankName accountEnding } } }');
    expect(profile.data!.mySupplierProfile.bankDetails).toEqual({
      bankName: 'Investec Bank',
      accountEnding: '7788',
    });
    expect(await api.db.task.findFirstOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'done' });
    expect(
      (await gql(api.url, tokens.financeMfa, decide, { input: { changeId, approve: false } })).code,
    ).toBe('VALIDATION');
  });

  it('keeps the old details when finance rejects, and tells the supplier why', async () => {
    const register = new SupplierRepository(
      api.db,
      org,
      bankDetailsCipherFromConfig({ BANK_DETAILS_KEYRING: api.keyring }),
    );
    const before = await register.bankDetails(soundwave);
    const asked = await gql<{ requestBankDetailsChange: { id: string } }>(api.url, tokens.supplier, request, {
      input: { ...newDetails, accountNumber: '99990000111' },
    });
    const changeId = asked.data!.requestBankDetailsChange.id;
    const rejected = await gql(api.url, tokens.financeMfa, decide, {
      input: { changeId, approve: false, reason: 'Letter from the bank does not match the account holder' },
    });
    expect(rejected.errors).toEqual([]);
    expect(await register.bankDetails(soundwave)).toEqual(before);
    const mine = await gql<{
      myBankDetailsChanges: { items: { id: string; status: string; decisionReason: string }[] };
    }>(api.url, tokens.supplier, '{ myBankDetailsChanges { items { id status decisionReason } } }');
    expect(mine.data!.myBankDetailsChanges.items[0]).toEqual({
      id: changeId,
      status: 'rejected',
      decisionReason: 'Letter from the bank does not match the account holder',
    });
  });
});

describe('POST /portal/quotes', () => {
  async function submit(
    token: string,
    fields: Record<string, string>,
    file: { bytes: Uint8Array; name: string; type: string },
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
    const response = await fetch(`${api.url}/portal/quotes`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
      signal: AbortSignal.timeout(60_000),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('records a supplier’s quote with its document, judged by content, once', async () => {
    const event = await api.db.event.findFirstOrThrow({ where: { organisationId: org } });
    const pdf = await generateInvoicePdf(sampleInvoiceSpec({ number: `Q-${randomUUID().slice(0, 8)}` }));
    const fields = {
      eventId: event.id,
      reference: 'SW-Q-2026-07',
      netAmount: '86500.00',
      vatAmount: '12975.00',
    };
    const created = await submit(tokens.supplier, fields, {
      bytes: pdf,
      name: 'quote.pdf',
      type: 'application/pdf',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      reference: 'SW-Q-2026-07',
      status: 'received',
      gross: { amount: '99475.00', currency: 'ZAR' },
    });
    const quote = await api.db.quote.findUniqueOrThrow({ where: { id: created.body['id'] as string } });
    expect(quote.supplierId).toBe(soundwave);
    const document = await api.db.document.findFirstOrThrow({
      where: { organisationId: org, quoteId: quote.id },
      include: { versions: true },
    });
    expect(document).toMatchObject({ kind: 'quote', supplierId: soundwave, title: 'quote.pdf' });
    expect(document.versions[0]).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: BigInt(pdf.length),
    });
    const mine = await gql<{ myQuotes: { items: { id: string }[] } }>(
      api.url,
      tokens.supplier,
      '{ myQuotes { items { id } } }',
    );
    expect(mine.data!.myQuotes.items.map((q) => q.id)).toContain(quote.id);

    expect(
      (await submit(tokens.supplier, fields, { bytes: pdf, name: 'again.pdf', type: 'application/pdf' }))
        .status,
    ).toBe(400);
  });

  it('refuses what is not a quote document, amounts finer than cents, other organisations’ events and non-suppliers', async () => {
    const event = await api.db.event.findFirstOrThrow({ where: { organisationId: org } });
    const pdf = await generateInvoicePdf(sampleInvoiceSpec({ number: `Q-${randomUUID().slice(0, 8)}` }));
    const fields = { eventId: event.id, netAmount: '100.00', vatAmount: '15.00' };
    const text = new TextEncoder().encode('just some text pretending to be a PDF');
    expect(
      (await submit(tokens.supplier, fields, { bytes: text, name: 'quote.pdf', type: 'application/pdf' }))
        .status,
    ).toBe(415);
    expect(
      (
        await submit(
          tokens.supplier,
          { ...fields, netAmount: '100.005' },
          { bytes: pdf, name: 'q.pdf', type: 'application/pdf' },
        )
      ).status,
    ).toBe(400);
    const karoo = await api.db.organisation.findUniqueOrThrow({ where: { slug: 'karoo-festivals' } });
    const karooEvent = await api.db.event.findFirstOrThrow({ where: { organisationId: karoo.id } });
    expect(
      (
        await submit(
          tokens.supplier,
          { ...fields, eventId: karooEvent.id },
          { bytes: pdf, name: 'q.pdf', type: 'application/pdf' },
        )
      ).status,
    ).toBe(404);
    expect(
      (await submit(tokens.finance, fields, { bytes: pdf, name: 'q.pdf', type: 'application/pdf' })).status,
    ).toBe(403);
  });
});
