import { ExtractionError } from './extraction-errors';

export type DocumentContentType = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'webp';

export const mimeTypes: Readonly<Record<DocumentContentType, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  webp: 'image/webp',
};

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/** The content type from the bytes' magic numbers; a file's name or declared type is never trusted. */
export function detectContentType(bytes: Uint8Array): DocumentContentType {
  // "%PDF-" may follow a little junk (some generators prepend a BOM or whitespace); the spec allows 1024 bytes.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp';
  throw new ExtractionError(
    'UNSUPPORTED_CONTENT',
    'The document is not a PDF, PNG, JPEG, TIFF or WebP file (its first bytes match none of them).',
  );
}
