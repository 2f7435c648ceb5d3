import { Module } from '@nestjs/common';
import { DocumentLinks } from './document-links';

@Module({ providers: [DocumentLinks], exports: [DocumentLinks] })
export class DocumentsModule {}
