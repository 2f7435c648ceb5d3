import { detectContentType } from './content-type';
import { ExtractionError } from './extraction-errors';
import { parsePgm } from './page-images';

describe('detectContentType', () => {
  it.each([
    ['pdf', Buffer.from('%PDF-1.7\n...')],
    ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0])],
    ['tiff', Buffer.from([0x49, 0x49, 0x2a, 0x00, 0])],
    ['webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 ')],
  ])('recognises %s from its bytes', (type, bytes) => {
    expect(detectContentType(bytes)).toBe(type);
  });

  it('refuses anything else with a typed error, whatever the file is called', () => {
    const attempt = () => detectContentType(Buffer.from('PK\x03\x04 a zip file named invoice.pdf'));
    expect(attempt).toThrow(ExtractionError);
    expect(attempt).toThrow(/not a PDF, PNG, JPEG, TIFF or WebP/);
  });
});

describe('parsePgm', () => {
  it('reads the header (with a comment) and the pixels of a binary greymap', () => {
    const image = parsePgm(
      Buffer.concat([Buffer.from('P5\n# made by a test\n3 2\n255\n'), Buffer.from([0, 1, 2, 3, 4, 5])]),
    );
    expect(image).toMatchObject({ width: 3, height: 2, channels: 1 });
    expect([...image.pixels]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a truncated image', () => {
    expect(() => parsePgm(Buffer.from('P5 4 4 255\n\x00\x00'))).toThrow(/truncated/);
  });
});
