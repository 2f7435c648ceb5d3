import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryModule } from '../directory/directory.module';
import { DocumentsModule } from '../documents/documents.module';
import { DelegationCandidates } from './delegation-candidates';
import { TaskActions } from './task-actions.service';
import { TaskFeed } from './task-feed';
import { TaskInbox } from './task-inbox.service';
import { TasksResolver } from './tasks.resolver';

/** The task inbox: my tasks, task detail, actions sent to workflows as Updates, and real-time pushes. */
@Module({
  imports: [AuthModule, DirectoryModule, DocumentsModule],
  providers: [TaskInbox, TaskActions, TaskFeed, DelegationCandidates, TasksResolver],
})
export class TasksModule {}
