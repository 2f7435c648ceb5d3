import { Global, Module } from '@nestjs/common';
import { DatabasePool } from './database-pool';
import { ObjectStorage } from './object-storage';
import { TemporalConnections } from './temporal-connections';

/** Long-lived clients of the services the API talks to; each connects lazily and closes on shutdown. */
@Global()
@Module({
  providers: [DatabasePool, TemporalConnections, ObjectStorage],
  exports: [DatabasePool, TemporalConnections, ObjectStorage],
})
export class ClientsModule {}
