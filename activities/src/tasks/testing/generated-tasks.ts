import type { Database } from '../../database/client';
import { Prisma } from '../../generated/prisma/client';

/** What `generateInboxTasks` made: the organisation, its 40 approvers, and how the tasks are spread. */
export interface GeneratedInbox {
  readonly organisationId: string;
  readonly approverIds: readonly string[];
  readonly eventIds: readonly string[];
  readonly supplierIds: readonly string[];
}

/**
 * An organisation with `count` generated tasks, for the inbox's plan test and benchmark. Task n (1…count):
 * every tenth an unassigned invoice review open to finance, the others approvals of approver n mod 40; every
 * seventh closed; two events, two suppliers, amounts n × 1.25, due dates over a year, created a minute apart.
 */
export async function generateInboxTasks(db: Database, slug: string, count: number): Promise<GeneratedInbox> {
  const { id: organisationId } = await db.organisation.create({
    data: { slug, legalName: slug, baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
  });
  const approverIds: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    const { id } = await db.appUser.create({
      data: {
        organisationId,
        username: `approver-${i}`,
        displayName: `Approver ${i}`,
        email: `approver-${i}@example.test`,
        roles: ['approver'],
      },
    });
    approverIds.push(id);
  }
  const eventIds: string[] = [];
  for (const name of ['Big Festival', 'Big Conference']) {
    const { id } = await db.event.create({
      data: { organisationId, name, startsOn: new Date('2027-03-05'), endsOn: new Date('2027-03-07') },
    });
    eventIds.push(id);
  }
  const supplierIds: string[] = [];
  for (const name of ['Big Sound', 'Big Lights']) {
    supplierIds.push((await db.supplier.create({ data: { organisationId, name } })).id);
  }
  await db.$executeRaw(Prisma.sql`
    INSERT INTO task (organisation_id, kind, title, status, subject_type, subject_id, event_id, supplier_id,
                      assignee_id, approver_id, approval_level, workflow_id, candidate_roles, amount, currency,
                      due_at, created_at, completed_at)
    SELECT ${organisationId}::uuid,
           CASE WHEN n % 10 = 0 THEN 'invoice_review' ELSE 'invoice_approval' END,
           'Invoice BIG-' || n,
           CASE WHEN n % 7 = 1 THEN 'done' ELSE 'open' END,
           CASE WHEN n % 10 = 0 THEN 'document' ELSE 'invoice' END,
           gen_random_uuid(),
           (${eventIds}::uuid[])[1 + n % 2],
           (${supplierIds}::uuid[])[1 + n % 3 % 2],
           CASE WHEN n % 10 = 0 THEN NULL ELSE (${approverIds}::uuid[])[1 + n % 40] END,
           CASE WHEN n % 10 = 0 THEN NULL ELSE (${approverIds}::uuid[])[1 + n % 40] END,
           CASE WHEN n % 10 = 0 THEN NULL ELSE 1 END,
           'wf-big-' || n,
           CASE WHEN n % 10 = 0 THEN '{finance}'::text[] ELSE '{}'::text[] END,
           CASE WHEN n % 10 = 0 THEN NULL ELSE (n % 100000) * 1.25 END,
           CASE WHEN n % 10 = 0 THEN NULL ELSE 'ZAR' END,
           timestamptz '2027-01-01' + (n % 365) * interval '1 day',
           timestamptz '2026-01-01' + n * interval '1 minute',
           CASE WHEN n % 7 = 1 THEN timestamptz '2026-01-01' + n * interval '1 minute' + interval '1 hour' END
    FROM generate_series(1, ${count}::int) AS n`);
  await db.$executeRawUnsafe('ANALYZE task');
  return { organisationId, approverIds, eventIds, supplierIds };
}
