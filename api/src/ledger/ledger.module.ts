import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { JournalResolver } from './journal.resolver';

@Module({ imports: [DirectoryModule], providers: [JournalResolver] })
export class LedgerModule {}
