import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { MAX_DOCUMENT_BYTES } from '@eventvault/activities';
import { type Observable } from 'rxjs';

const megabytes = MAX_DOCUMENT_BYTES / 1024 / 1024;

/**
 * Receives the multipart upload: one file in the field "file", held in memory and cut off at the intake's size
 * limit (multer stops reading and drains the rest), plus a few short text fields. Nothing touches the disk.
 */
const DocumentFile = FileInterceptor('file', {
  limits: {
    fileSize: MAX_DOCUMENT_BYTES,
    files: 1,
    fields: 10,
    fieldSize: 1024,
    parts: 11,
    headerPairs: 50,
  },
});

@Injectable()
export class InvoiceDocumentInterceptor implements NestInterceptor {
  private readonly files = new DocumentFile();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.files.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) {
        throw new PayloadTooLargeException(`The document is larger than ${megabytes} MB, the upload limit`);
      }
      throw error;
    }
  }
}
