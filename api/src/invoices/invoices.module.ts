import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { DocumentsModule } from '../documents/documents.module';
import { IntakeWorkflows } from './intake-workflows';
import { InvoiceUploadsController } from './invoice-uploads.controller';
import { InvoiceUploads } from './invoice-uploads.service';
import { InvoiceViews } from './invoice-views';
import { InvoicesResolver } from './invoices.resolver';

@Module({
  imports: [DirectoryModule, DocumentsModule],
  controllers: [InvoiceUploadsController],
  providers: [InvoiceUploads, IntakeWorkflows, InvoiceViews, InvoicesResolver],
  exports: [InvoiceViews],
})
export class InvoicesModule {}
