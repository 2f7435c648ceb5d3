import { Global, Module } from '@nestjs/common';
import { DatabaseClient } from './database-client';
import { ObjectStorage } from './object-storage';
import { TemporalConnections } from './temporal-connections';

/** Long-lived clients of the services the API talks to; each connects lazily and closes on shutdown. */
@Global()
@Module({
  providers: [DatabaseClient, TemporalConnections, ObjectStorage],
  exports: [DatabaseClient, TemporalConnections, ObjectStorage],
})
export class ClientsModule {}
