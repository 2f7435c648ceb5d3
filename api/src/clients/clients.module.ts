import { Global, Module } from '@nestjs/common';
import { DatabaseClient } from './database-client';
import { ObjectStorage } from './object-storage';
import { TemporalConnections } from './temporal-connections';
import { WorkflowClient } from './workflow-client';

/** Long-lived clients of the services the API talks to; each connects lazily and closes on shutdown. */
@Global()
@Module({
  providers: [DatabaseClient, TemporalConnections, ObjectStorage, WorkflowClient],
  exports: [DatabaseClient, TemporalConnections, ObjectStorage, WorkflowClient],
})
export class ClientsModule {}
