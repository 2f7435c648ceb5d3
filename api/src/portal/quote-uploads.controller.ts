import { Body, Controller, HttpCode, HttpStatus, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { InvoiceDocumentInterceptor } from '../invoices/invoice-document.interceptor';
import { type ReceivedDocument } from '../invoices/invoice-uploads.service';
import { type QuoteModel } from './portal.model';
import { QuoteUploads } from './quote-uploads.service';

@Controller('portal/quotes')
export class QuoteUploadsController {
  constructor(private readonly uploads: QuoteUploads) {}

  /**
   * A supplier's quote (multipart: file, eventId, netAmount, vatAmount, optional reference, currency, quotedOn,
   * validUntil). The document's type is judged by its bytes (PDF or image), 50 MB at most; 201 with the quote.
   */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Roles('supplier')
  @UseInterceptors(InvoiceDocumentInterceptor)
  submit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @UploadedFile() file: ReceivedDocument | undefined,
  ): Promise<QuoteModel> {
    return this.uploads.submit(principal, body, file);
  }
}
