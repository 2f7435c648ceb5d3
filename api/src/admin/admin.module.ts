import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { WorkflowAdminResolver } from './workflow-admin.resolver';
import { WorkflowAdmin } from './workflow-admin.service';

@Module({
  imports: [DirectoryModule],
  providers: [WorkflowAdmin, WorkflowAdminResolver],
})
export class AdminModule {}
