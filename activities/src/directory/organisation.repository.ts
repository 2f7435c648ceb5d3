import type { DatabaseSession } from '../database/client';

export interface NewOrganisation {
  readonly slug: string;
  readonly legalName: string;
  readonly baseCurrency: string;
  readonly fiscalYearStartMonth: number;
}

export interface VatSettings {
  readonly vatRegistered: boolean;
  readonly vatNumber: string | null;
  readonly vatRoundingMode: 'per_line' | 'per_document';
  /** Percent as exact decimal text, e.g. "15". */
  readonly defaultVatRate: string;
}

/** Organisations themselves (the tenants): set up by an operator, an import or the demo seed. */
export class OrganisationRepository {
  constructor(private readonly db: DatabaseSession) {}

  /** The organisation of this slug, created when missing. */
  async ensure(organisation: NewOrganisation): Promise<{ id: string; created: boolean }> {
    const existing = await this.db.organisation.findUnique({
      where: { slug: organisation.slug },
      select: { id: true },
    });
    if (existing) return { id: existing.id, created: false };
    const { id } = await this.db.organisation.create({ data: { ...organisation }, select: { id: true } });
    return { id, created: true };
  }

  async setVatSettings(organisationId: string, settings: VatSettings): Promise<void> {
    await this.db.organisation.update({ where: { id: organisationId }, data: { ...settings } });
  }
}
