import { MIN_SUPPLIER_NAME_SIMILARITY, normaliseVatNumber, supplierNameSimilarity } from '@eventvault/domain';
import type { DatabaseSession } from '../database/client';
import { afterKey, type KeysetPage, pageOf, type PageRequest } from '../database/keyset';
import { type BankDetails, maskBankDetails } from './bank-details';
import type { BankDetailsCipher } from './bank-details-cipher';

export interface SupplierRecord {
  readonly id: string;
  readonly name: string;
  readonly vatNumber: string | null;
  readonly email: string | null;
  readonly documentLocale: string | null;
  readonly bankDetailsChangedAt: Date | null;
}

/** What finance screens show of a supplier: its bank account only as bank name and last four digits. */
export interface SupplierProfile extends SupplierRecord {
  readonly registrationNumber: string | null;
  readonly bankDetails: MaskedBankDetails | null;
}

export interface MaskedBankDetails {
  readonly bankName: string;
  readonly accountEnding: string;
  readonly changedAt: Date | null;
}

export interface SupplierMatch {
  readonly supplier: SupplierRecord;
  readonly matchedBy: 'vat-number' | 'name';
  /** 1 for a VAT number or an identical name; lower for a name that only contains the other. */
  readonly confidence: number;
}

export interface NewSupplier {
  readonly name: string;
  readonly vatNumber?: string;
  readonly registrationNumber?: string;
  readonly email?: string;
  readonly documentLocale?: string;
}

const recordFields = {
  id: true,
  name: true,
  vatNumber: true,
  email: true,
  documentLocale: true,
  bankDetailsChangedAt: true,
} as const;

/** A runner-up this close to the best name makes the match ambiguous. */
const AMBIGUITY_MARGIN = 0.15;

/**
 * The supplier register of one organisation. Bank details go in and out only through the cipher, so the database
 * and its backups never see them in plain text.
 */
export class SupplierRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
    private readonly cipher: BankDetailsCipher,
  ) {}

  async create(supplier: NewSupplier): Promise<SupplierRecord> {
    return this.db.supplier.create({
      data: { ...supplier, organisationId: this.organisationId },
      select: recordFields,
    });
  }

  findById(id: string): Promise<SupplierRecord | null> {
    return this.db.supplier.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id } },
      select: recordFields,
    });
  }

  /** Suppliers by name, then id; `search` matches part of the name, case-insensitively. */
  async page(
    search: string | null,
    page: PageRequest<{ value: string; id: string }>,
  ): Promise<KeysetPage<SupplierRecord>> {
    const where = {
      organisationId: this.organisationId,
      ...(search ? { name: { contains: search, mode: 'insensitive' as const } } : {}),
    };
    const [rows, totalCount] = await Promise.all([
      this.db.supplier.findMany({
        where: { ...where, ...afterKey('name', page.after) },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: page.first + 1,
        select: recordFields,
      }),
      this.db.supplier.count({ where }),
    ]);
    return pageOf(rows, page.first, totalCount);
  }

  /** The supplier with its bank details masked; the sealed value never leaves this class. */
  async profile(id: string): Promise<SupplierProfile | null> {
    const row = await this.db.supplier.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id } },
      select: { ...recordFields, registrationNumber: true },
    });
    if (!row) return null;
    const details = await this.bankDetails(id);
    return {
      ...row,
      bankDetails: details ? { ...maskBankDetails(details), changedAt: row.bankDetailsChangedAt } : null,
    };
  }

  /**
   * The register's supplier for what an invoice prints: its VAT number first (exact after normalising), else the
   * one clearly best name match. Two suppliers about as close by name are ambiguous, and ambiguity is no match.
   */
  async match(printed: { vatNumber?: string | null; name?: string | null }): Promise<SupplierMatch | null> {
    const vatNumber = printed.vatNumber ? normaliseVatNumber(printed.vatNumber) : '';
    if (vatNumber !== '') {
      const rows = await this.db.$queryRaw<{ id: string }[]>`
        SELECT id FROM supplier
        WHERE organisation_id = ${this.organisationId}::uuid
          AND regexp_replace(upper(vat_number), '[^A-Z0-9]', '', 'g') = ${vatNumber}
        ORDER BY created_at LIMIT 2`;
      if (rows.length === 1 && rows[0]) {
        const supplier = await this.findById(rows[0].id);
        if (supplier) return { supplier, matchedBy: 'vat-number', confidence: 1 };
      }
    }
    const name = printed.name?.trim();
    if (!name) return null;
    const candidates = await this.db.supplier.findMany({
      where: { organisationId: this.organisationId },
      select: recordFields,
    });
    const scored = candidates
      .map((supplier) => ({ supplier, confidence: supplierNameSimilarity(name, supplier.name) }))
      .filter((c) => c.confidence >= MIN_SUPPLIER_NAME_SIMILARITY)
      .sort((a, b) => b.confidence - a.confidence);
    const [best, runnerUp] = scored;
    if (!best || (runnerUp && best.confidence - runnerUp.confidence < AMBIGUITY_MARGIN)) return null;
    return { supplier: best.supplier, matchedBy: 'name', confidence: best.confidence };
  }

  /** Seals and stores new bank details; the change time is what the fraud check reads. */
  async setBankDetails(id: string, details: BankDetails, changedAt: Date = new Date()): Promise<void> {
    const sealed = this.cipher.seal(details, { organisationId: this.organisationId, supplierId: id });
    const { count } = await this.db.supplier.updateMany({
      where: { organisationId: this.organisationId, id },
      data: {
        bankDetailsCiphertext: sealed.ciphertext,
        bankDetailsKeyId: sealed.keyId,
        bankDetailsChangedAt: changedAt,
      },
    });
    if (count !== 1) throw new Error(`Supplier ${id} is not in this organisation's register.`);
  }

  /** The plain bank details, for paying the supplier; null when none are on file. */
  async bankDetails(id: string): Promise<BankDetails | null> {
    const row = await this.db.supplier.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id } },
      select: { bankDetailsCiphertext: true, bankDetailsKeyId: true },
    });
    if (!row?.bankDetailsCiphertext || !row.bankDetailsKeyId) return null;
    return this.cipher.open(
      { ciphertext: row.bankDetailsCiphertext, keyId: row.bankDetailsKeyId },
      { organisationId: this.organisationId, supplierId: id },
    );
  }
}
