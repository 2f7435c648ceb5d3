import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';

@Module({ imports: [DirectoryModule], providers: [EventsResolver, EventsService], exports: [EventsService] })
export class EventsModule {}
