import { spawn } from 'node:child_process';
import sharp from 'sharp';
import { ExtractionError } from './extraction-errors';

/** Raw pixels as sharp reads them: one channel (grey) or three (RGB). */
export interface GreyImage {
  readonly pixels: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels?: 1 | 3;
}

/**
 * Reads a binary PGM ("P5") or PPM ("P6") as pdftoppm writes it: magic, width, height, maxval, each separated by whitespace
 * (comments allowed), then one byte per pixel. sharp cannot read PGM, so it gets these raw pixels instead.
 */
export function parsePgm(bytes: Buffer): GreyImage {
  let offset = 0;
  const tokens: string[] = [];
  while (tokens.length < 4) {
    while (offset < bytes.length && /\s/.test(String.fromCharCode(bytes[offset] ?? 0))) offset++;
    if (bytes[offset] === 0x23) {
      while (offset < bytes.length && bytes[offset] !== 0x0a) offset++;
      continue;
    }
    const start = offset;
    while (offset < bytes.length && !/\s/.test(String.fromCharCode(bytes[offset] ?? 0))) offset++;
    if (start === offset) break;
    tokens.push(bytes.subarray(start, offset).toString('latin1'));
  }
  const [magic, widthText, heightText, maxText] = tokens;
  const width = Number(widthText);
  const height = Number(heightText);
  const channels = magic === 'P5' ? 1 : magic === 'P6' ? 3 : 0;
  if (channels === 0 || !(width > 0) || !(height > 0) || Number(maxText) !== 255) {
    throw new ExtractionError('CORRUPT_DOCUMENT', 'The rasteriser did not produce an 8-bit page image.');
  }
  offset += 1; // the single whitespace byte after maxval
  const size = width * height * channels;
  const pixels = bytes.subarray(offset, offset + size);
  if (pixels.length !== size) {
    throw new ExtractionError('CORRUPT_DOCUMENT', 'The rasterised page is truncated.');
  }
  return { pixels, width, height, channels };
}

/** Runs pdftoppm on one page of a PDF given on stdin, at `dpi` (greyscale unless `colour`), and returns the pixels. */
export function rasterisePdfPage(
  pdf: Uint8Array,
  pageNumber: number,
  dpi = 300,
  colour = false,
): Promise<GreyImage> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'pdftoppm',
      ['-r', String(dpi), ...(colour ? [] : ['-gray']), '-f', String(pageNumber), '-l', String(pageNumber)],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => undefined); // pdftoppm may exit before reading everything of a broken file
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new ExtractionError(
              'RASTERISER_UNAVAILABLE',
              'pdftoppm is not installed (Debian: poppler-utils).',
            )
          : error,
      ),
    );
    child.on('close', (code) => {
      const output = Buffer.concat(out);
      if (code !== 0 || output.length === 0) {
        const message = Buffer.concat(err).toString().trim().split('\n').slice(-2).join(' ');
        reject(
          new ExtractionError('CORRUPT_DOCUMENT', `Page ${pageNumber} cannot be rasterised: ${message}`),
        );
        return;
      }
      try {
        resolve(parsePgm(output));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stdin.end(Buffer.from(pdf));
  });
}

/** Any image sharp reads (PNG, JPEG, TIFF, WebP), flattened onto white and turned greyscale. */
export async function decodeImage(bytes: Uint8Array): Promise<GreyImage> {
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { pixels: data, width: info.width, height: info.height };
  } catch (error) {
    throw new ExtractionError('CORRUPT_DOCUMENT', `The image cannot be decoded: ${(error as Error).message}`);
  }
}

export interface OcrPreprocessing {
  /** Grey level (0-255) below which a pixel becomes ink; null keeps grey levels. */
  readonly threshold: number | null;
  /** Small images are enlarged to at least this width so characters are tall enough for the recogniser. */
  readonly minimumWidth: number;
}

export const defaultOcrPreprocessing: OcrPreprocessing = { threshold: 160, minimumWidth: 2000 };

/** Stretches contrast, binarises and, for small scans, enlarges: what the recogniser reads best. Returns a PNG. */
export async function prepareForOcr(
  image: GreyImage,
  settings: OcrPreprocessing = defaultOcrPreprocessing,
): Promise<Buffer> {
  let pipeline = sharp(image.pixels, {
    raw: { width: image.width, height: image.height, channels: image.channels ?? 1 },
  }).greyscale();
  if (image.width < settings.minimumWidth) {
    pipeline = pipeline.resize({ width: settings.minimumWidth, kernel: 'lanczos3' });
  }
  pipeline = pipeline.normalise();
  if (settings.threshold !== null) pipeline = pipeline.threshold(settings.threshold);
  return pipeline.png({ compressionLevel: 1 }).toBuffer();
}
