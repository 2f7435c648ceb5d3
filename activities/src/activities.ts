import type { Client as ObjectStorageClient } from 'minio';
import { createApprovalActivities } from './approval/approval.activities';
import type { Database } from './database/client';
import { createExtractionActivities } from './extraction/extraction.activities';
import type { OcrPool } from './extraction/ocr-pool';
import { sharedOcrPool } from './extraction/shared-ocr-pool';
import { createInvoiceIntakeActivities } from './invoice-intake/invoice-intake.activities';
import type { BankDetailsCipher } from './suppliers/bank-details-cipher';
import { SupplierRepository } from './suppliers/supplier.repository';
import { createSystemCheckActivities } from './system-check/system-check.activities';

export interface ActivityClients {
  readonly db: Database;
  readonly storage: ObjectStorageClient;
  readonly buckets: { readonly documents: string; readonly reports: string };
  readonly bankDetailsCipher: BankDetailsCipher;
  /** The process's OCR pool (default: the shared one, started on first use and stopped by the worker). */
  readonly ocr?: () => Promise<OcrPool>;
  /** The bank-details fraud signal's window (default 30 days). */
  readonly bankDetailsWindowDays?: number;
}

/** Every activity the worker registers, built from the clients it is given (real ones, or a test's). */
export function createActivities(clients: ActivityClients) {
  return {
    ...createSystemCheckActivities({
      db: clients.db,
      storage: clients.storage,
      documentsBucket: clients.buckets.documents,
    }),
    ...createExtractionActivities({
      storage: clients.storage,
      documentsBucket: clients.buckets.documents,
      ocr: clients.ocr ?? sharedOcrPool(),
    }),
    ...createApprovalActivities({ db: clients.db }),
    ...createInvoiceIntakeActivities({
      db: clients.db,
      supplierRegister: (organisationId) =>
        new SupplierRepository(clients.db, organisationId, clients.bankDetailsCipher),
      bankDetailsWindowDays: clients.bankDetailsWindowDays,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
