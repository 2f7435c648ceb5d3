import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { SupplierRegister } from './supplier-register';
import { SuppliersResolver } from './suppliers.resolver';
import { SuppliersService } from './suppliers.service';

@Module({
  imports: [DirectoryModule],
  providers: [SupplierRegister, SuppliersService, SuppliersResolver],
  exports: [SupplierRegister],
})
export class SuppliersModule {}
