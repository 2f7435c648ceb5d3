import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { IntakeWorkflows } from './intake-workflows';
import { InvoiceUploadsController } from './invoice-uploads.controller';
import { InvoiceUploads } from './invoice-uploads.service';

@Module({
  imports: [DirectoryModule],
  controllers: [InvoiceUploadsController],
  providers: [InvoiceUploads, IntakeWorkflows],
})
export class InvoicesModule {}
