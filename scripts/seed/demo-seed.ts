import { environmentVariables } from '../../activities/src/config/environment';
import { createDatabase } from '../../activities/src/database/client';
import { DirectoryRepository } from '../../activities/src/directory/directory.repository';
import { OrganisationRepository } from '../../activities/src/directory/organisation.repository';
import { bankDetailsCipherFromConfig } from '../../activities/src/suppliers/bank-details-cipher';
import { demoLogins } from '../stack/realm';
import { seedDemoApprovals } from './demo-approvals';
import { seedDemoFinance } from './demo-finance';
import { seedDemoPortal } from './demo-portal';

/** The demo organisations; their slugs are the `org` claim Keycloak puts in every token. */
export const demoOrganisations = [
  {
    slug: 'kalahari-live',
    legalName: 'Kalahari Live Events (Pty) Ltd',
    baseCurrency: 'ZAR',
    fiscalYearStartMonth: 3,
  },
  { slug: 'karoo-festivals', legalName: 'Karoo Festivals NPC', baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
] as const;

/**
 * Idempotent: creates the organisations and users that are missing, then the finance demo data (see
 * demo-finance.ts) unless it is present already. Returns a one-line summary.
 */
export async function seedDemoData(
  databaseUrl: string,
  bankDetailsKeyring: string = defaultBankDetailsKeyring(),
): Promise<string> {
  const cipher = bankDetailsCipherFromConfig({ BANK_DETAILS_KEYRING: bankDetailsKeyring });
  const db = createDatabase(databaseUrl, { maxConnections: 2 });
  try {
    let created = 0;
    const ids = new Map<string, string>();
    const organisations = new OrganisationRepository(db);
    for (const org of demoOrganisations) {
      const { id, created: isNew } = await organisations.ensure(org);
      if (isNew) created += 1;
      ids.set(org.slug, id);
    }
    for (const login of demoLogins) {
      const organisationId = ids.get(login.organisation);
      if (organisationId === undefined)
        throw new Error(`demo user ${login.username} names unknown organisation ${login.organisation}`);
      const added = await new DirectoryRepository(db, organisationId).ensureUser({
        username: login.username,
        email: login.email,
        displayName: login.displayName,
      });
      if (added) created += 1;
    }
    // Events, budgets, suppliers, periods, actuals and invoices: one transaction, skipped when already seeded.
    created += await seedDemoFinance(db, ids, cipher);
    created += await seedDemoApprovals(db, ids);
    created += await seedDemoPortal(db, ids, cipher);
    return created === 0 ? 'already present' : `created ${created} rows`;
  } finally {
    await db.$disconnect();
  }
}

function defaultBankDetailsKeyring(): string {
  const spec = environmentVariables.find((v) => v.name === 'BANK_DETAILS_KEYRING');
  if (!spec) throw new Error('BANK_DETAILS_KEYRING is not a known setting');
  return spec.default;
}
