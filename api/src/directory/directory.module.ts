import { Module } from '@nestjs/common';
import { CallerDirectory } from './caller-directory';

@Module({ providers: [CallerDirectory], exports: [CallerDirectory] })
export class DirectoryModule {}
