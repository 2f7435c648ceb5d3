import type { Database } from '../../activities/src/database/client';
import { EventRepository } from '../../activities/src/events/event.repository';
import type { BankDetailsCipher } from '../../activities/src/suppliers/bank-details-cipher';
import { SupplierPortalRepository } from '../../activities/src/suppliers/supplier-portal.repository';
import { DirectoryRepository } from '../../activities/src/directory/directory.repository';

/** The demo supplier login and the supplier it speaks for in the portal. */
export const demoSupplierLogin = {
  organisation: 'kalahari-live',
  username: 'supplier@kalahari.demo',
  supplierName: 'Soundwave Audio Hire (Pty) Ltd',
} as const;

/** The other organisation's supplier login, so isolation is visible (and tested) from a supplier's side too. */
export const otherOrganisationSupplierLogin = {
  organisation: 'karoo-festivals',
  username: 'supplier@karoo.demo',
  supplierName: 'Camdeboo Sound & Light CC',
} as const;

/**
 * A change of bank details Soundwave asked for and finance turned down, so the portal and finance's review list show
 * a decision with its reason (fictitious details).
 */
export const demoRejectedBankDetailsChange = {
  details: {
    accountHolder: 'Soundwave Audio Hire',
    bankName: 'TymeBank',
    accountNumber: '51000123987',
    branchCode: '678910',
  },
  decidedBy: 'finance@kalahari.demo',
  reason:
    'The confirmation letter was not on the bank’s letterhead; please send a stamped letter from the bank.',
} as const;

/** Event templates of Kalahari Live Events and the series made from them. */
export const demoTemplates = [
  {
    name: 'Music festival',
    description: 'Multi-day, multi-stage festival on an open site',
    seriesKey: 'karoo-sunset',
  },
  { name: 'Jazz concert', description: 'One-day concert in a garden venue', seriesKey: 'jacaranda-jazz' },
] as const;

/** Links a demo supplier login to its supplier when both exist; returns 1 when it changed the link. */
async function linkSupplierLogin(
  db: Database,
  organisationIds: ReadonlyMap<string, string>,
  login: { readonly organisation: string; readonly username: string; readonly supplierName: string },
  cipher: BankDetailsCipher,
): Promise<number> {
  const organisationId = organisationIds.get(login.organisation);
  if (organisationId === undefined) return 0;
  const directory = new DirectoryRepository(db, organisationId);
  const userId = await directory.userIdByUsername(login.username);
  const supplierId = await directory.supplierIdByName(login.supplierName);
  if (userId === null || supplierId === null) return 0;
  const portal = new SupplierPortalRepository(db, organisationId, cipher);
  if ((await portal.supplierOf(userId)) === supplierId) return 0;
  await portal.linkUser(userId, supplierId);
  return 1;
}

/**
 * Idempotent, through the repositories only: Kalahari's event templates (its festival series marked as made from
 * them), the demo supplier users (Kalahari's and Karoo's) linked to their suppliers, so the portal shows Soundwave's invoices and payments, and
 * one bank-details change of Soundwave's that finance rejected.
 * Returns how many rows it changed.
 */
export async function seedDemoPortal(
  db: Database,
  organisationIds: ReadonlyMap<string, string>,
  cipher: BankDetailsCipher,
): Promise<number> {
  const organisationId = organisationIds.get(demoSupplierLogin.organisation);
  if (organisationId === undefined) return 0;
  let changed = await linkSupplierLogin(db, organisationIds, otherOrganisationSupplierLogin, cipher);
  const events = new EventRepository(db, organisationId);
  for (const template of demoTemplates) {
    const existing = (await events.templates({ first: 200, after: null })).items.some(
      (t) => t.name === template.name,
    );
    const { id } = await events.ensureTemplate(template.name, template.description);
    if (!existing) changed += 1;
    changed += await events.attachSeriesToTemplate(template.seriesKey, id);
  }

  changed += await linkSupplierLogin(db, organisationIds, demoSupplierLogin, cipher);
  const directory = new DirectoryRepository(db, organisationId);
  const userId = await directory.userIdByUsername(demoSupplierLogin.username);
  const supplierId = await directory.supplierIdByName(demoSupplierLogin.supplierName);
  if (userId === null || supplierId === null) return changed;
  const portal = new SupplierPortalRepository(db, organisationId, cipher);
  const history = await portal.changes({ supplierId }, { first: 1, after: null });
  const decidedBy = await directory.userIdByUsername(demoRejectedBankDetailsChange.decidedBy);
  if (history.totalCount === 0 && decidedBy !== null) {
    const change = await portal.requestBankDetailsChange(
      supplierId,
      demoRejectedBankDetailsChange.details,
      userId,
    );
    await portal.decideBankDetailsChange(
      change.id,
      { approve: false, reason: demoRejectedBankDetailsChange.reason },
      decidedBy,
    );
    changed += 1;
  }
  return changed;
}
