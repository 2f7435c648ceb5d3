import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { type Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { RateLimit } from '../rate-limits/rate-limit.guard';
import { InvoiceDocumentInterceptor } from './invoice-document.interceptor';
import {
  type InvoiceIntakeStatusView,
  type InvoiceResubmissionReceipt,
  type InvoiceUploadReceipt,
  InvoiceUploads,
  type ReceivedDocument,
} from './invoice-uploads.service';

@Controller('invoices/uploads')
export class InvoiceUploadsController {
  constructor(private readonly uploads: InvoiceUploads) {}

  /** An invoice document (multipart: file, eventId, optional supplierId and purchaseOrderNumber) starts intake. */
  @Post()
  @Roles('supplier', 'finance', 'admin', 'event_manager')
  @RateLimit('uploads')
  @UseInterceptors(InvoiceDocumentInterceptor)
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @UploadedFile() file: ReceivedDocument | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InvoiceUploadReceipt> {
    const receipt = await this.uploads.receive(principal, body, file);
    // 202: intake runs on; 200: these bytes were uploaded before and nothing new was started.
    res.status(receipt.duplicate ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return receipt;
  }

  /** A corrected document (multipart: file) for an intake whose approver requested changes. */
  @Post(':workflowId/versions')
  @Roles('supplier', 'finance', 'admin')
  @RateLimit('uploads')
  @UseInterceptors(InvoiceDocumentInterceptor)
  @HttpCode(HttpStatus.ACCEPTED)
  resubmit(
    @CurrentPrincipal() principal: Principal,
    @Param('workflowId') workflowId: string,
    @Body() body: unknown,
    @UploadedFile() file: ReceivedDocument | undefined,
  ): Promise<InvoiceResubmissionReceipt> {
    return this.uploads.resubmit(principal, workflowId, body, file);
  }

  @Get(':workflowId')
  @Roles('supplier', 'finance', 'admin', 'event_manager', 'approver', 'auditor')
  status(
    @CurrentPrincipal() principal: Principal,
    @Param('workflowId') workflowId: string,
  ): Promise<InvoiceIntakeStatusView> {
    return this.uploads.status(principal, workflowId);
  }
}
