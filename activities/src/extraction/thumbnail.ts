import sharp from 'sharp';
import { detectContentType } from './content-type';
import { ExtractionError } from './extraction-errors';
import { rasterisePdfPage } from './page-images';

export const thumbnailWidth = 320;

/** The first page of a PDF or an image as a WebP about 320 px wide. */
export async function renderThumbnail(bytes: Uint8Array): Promise<Buffer> {
  const contentType = detectContentType(bytes);
  try {
    if (contentType === 'pdf') {
      // 40 dpi puts an A4 page at ~330 px: just above the thumbnail's width, so resizing only shrinks.
      const page = await rasterisePdfPage(bytes, 1, 40, true);
      return await sharp(page.pixels, {
        raw: { width: page.width, height: page.height, channels: page.channels ?? 1 },
      })
        .resize({ width: thumbnailWidth, withoutEnlargement: false })
        .webp({ quality: 80 })
        .toBuffer();
    }
    return await sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize({ width: thumbnailWidth })
      .webp({ quality: 80 })
      .toBuffer();
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('CORRUPT_DOCUMENT', `No thumbnail can be drawn: ${(error as Error).message}`);
  }
}
