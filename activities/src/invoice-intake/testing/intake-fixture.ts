import type { Database } from '../../database/client';

export interface IntakeFixture {
  readonly organisationId: string;
  readonly financeUserId: string;
  readonly eventId: string;
  readonly budgetLineId: string;
  readonly periodId: string;
}

/**
 * The least an organisation needs for an invoice to go from upload to posting: a finance user, an event with a budget
 * line (its category names expense account 5100), and an open accounting period covering 2025-03 to 2027-02.
 */
export async function createIntakeFixture(db: Database, slug: string): Promise<IntakeFixture> {
  const org = await db.organisation.create({
    data: {
      slug,
      legalName: `${slug} (Pty) Ltd`,
      baseCurrency: 'ZAR',
      fiscalYearStartMonth: 3,
      vatRegistered: true,
    },
  });
  const finance = await db.appUser.create({
    data: {
      organisationId: org.id,
      username: 'finance',
      displayName: 'Fiona Finance',
      email: 'f@example.test',
    },
  });
  const event = await db.event.create({
    data: {
      organisationId: org.id,
      name: 'Test Festival',
      startsOn: new Date('2026-09-01'),
      endsOn: new Date('2026-09-03'),
    },
  });
  const category = await db.budgetCategory.create({
    data: { organisationId: org.id, code: 'PROD', name: 'Production', expenseAccountCode: '5100' },
  });
  const budget = await db.budget.create({
    data: { organisationId: org.id, eventId: event.id, name: 'Main', currency: 'ZAR', fiscalYear: 2027 },
  });
  const version = await db.budgetVersion.create({
    data: { organisationId: org.id, budgetId: budget.id, versionNo: 1 },
  });
  const line = await db.budgetLine.create({
    data: {
      organisationId: org.id,
      budgetVersionId: version.id,
      categoryId: category.id,
      code: 'PROD-STAGE',
      description: 'Stage and rigging',
      amount: '500000',
      currency: 'ZAR',
    },
  });
  const period = await db.accountingPeriod.create({
    data: {
      organisationId: org.id,
      fiscalYear: 2027,
      startsOn: new Date('2025-03-01'),
      endsOn: new Date('2027-02-28'),
    },
  });
  return {
    organisationId: org.id,
    financeUserId: finance.id,
    eventId: event.id,
    budgetLineId: line.id,
    periodId: period.id,
  };
}
