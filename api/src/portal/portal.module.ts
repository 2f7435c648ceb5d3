import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryModule } from '../directory/directory.module';
import { InvoicesModule } from '../invoices/invoices.module';
import { SuppliersModule } from '../suppliers/suppliers.module';
import { QuoteUploadsController } from './quote-uploads.controller';
import { QuoteUploads } from './quote-uploads.service';
import { SupplierPortalResolver } from './supplier-portal.resolver';
import { SupplierPortal } from './supplier-portal.service';

@Module({
  imports: [AuthModule, DirectoryModule, InvoicesModule, SuppliersModule],
  controllers: [QuoteUploadsController],
  providers: [SupplierPortal, SupplierPortalResolver, QuoteUploads],
})
export class PortalModule {}
