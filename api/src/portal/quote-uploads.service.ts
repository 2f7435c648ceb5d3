import { Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  InvoiceUploadError,
  QuoteSubmissionError,
  storeDocument,
  SupplierPortalRepository,
} from '@eventvault/activities';
import { type Principal } from '../auth/principal';
import { DatabaseClient } from '../clients/database-client';
import { ObjectStorage } from '../clients/object-storage';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { isoDay } from '../graphql/keyset-page';
import { money } from '../graphql/money-fields';
import { rethrowDependencyDown } from '../invoices/dependency-errors';
import { type ReceivedDocument } from '../invoices/invoice-uploads.service';
import { SupplierRegister } from '../suppliers/supplier-register';
import { type QuoteModel } from './portal.model';
import { parseQuoteUploadFields, quoteAmounts } from './quote-fields';
import { SupplierPortal } from './supplier-portal.service';

/** Quotes a supplier submits through the portal: the document stored by content hash, the quote recorded. */
@Injectable()
export class QuoteUploads {
  constructor(
    private readonly portal: SupplierPortal,
    private readonly database: DatabaseClient,
    private readonly storage: ObjectStorage,
    private readonly register: SupplierRegister,
  ) {}

  async submit(principal: Principal, body: unknown, file: ReceivedDocument | undefined): Promise<QuoteModel> {
    const fields = parseQuoteUploadFields(body);
    if (file === undefined) {
      throw new ApiError(
        ApiErrorCode.VALIDATION,
        'Send the quote as multipart/form-data with the document in the field "file"',
        { field: 'file' },
      );
    }
    const { organisationId, userId, supplierId } = await this.portal.supplierCaller(principal);
    const currency = fields.currency ?? (await this.portal.baseCurrency(principal));
    const amounts = quoteAmounts(fields, currency);
    const fileName = file.originalname?.trim() || 'quote';
    const document = await storeDocument(
      this.storage.client,
      this.storage.documentsBucket,
      organisationId,
      fileName,
      file.buffer,
    ).catch((error: unknown) => {
      if (error instanceof InvoiceUploadError) throw new UnsupportedMediaTypeException(error.message);
      return rethrowDependencyDown(error, 'Document storage');
    });
    const portal = new SupplierPortalRepository(
      this.database.db,
      organisationId,
      this.register.bankDetailsCipher,
    );
    const quote = await portal
      .submitQuote({
        supplierId,
        eventId: fields.eventId,
        reference: fields.reference,
        currency,
        netAmount: amounts.net.toString(),
        vatAmount: amounts.vat.toString(),
        grossAmount: amounts.gross.toString(),
        quotedOn: fields.quotedOn,
        validUntil: fields.validUntil,
        document,
        uploadedBy: userId,
      })
      .catch((error: unknown) => {
        if (error instanceof QuoteSubmissionError) {
          throw new ApiError(
            error.reason === 'unknown-event' ? ApiErrorCode.NOT_FOUND : ApiErrorCode.VALIDATION,
            error.message,
            { reason: error.reason },
          );
        }
        throw error;
      });
    return {
      id: quote.id,
      eventId: quote.eventId,
      reference: quote.reference,
      status: quote.status,
      quotedOn: quote.quotedOn ? isoDay(quote.quotedOn) : null,
      validUntil: quote.validUntil ? isoDay(quote.validUntil) : null,
      net: money(quote.netAmount, quote.currency),
      vat: money(quote.vatAmount, quote.currency),
      gross: money(quote.grossAmount, quote.currency),
      submittedAt: quote.createdAt,
    };
  }
}
