import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ExtractionError } from './extraction-errors';
import { OcrPool } from './ocr-pool';

describe('OcrPool start-up', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ocr-model-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('refuses to start without the model file, at once and with a typed error', async () => {
    const started = Date.now();
    const failure = await OcrPool.start({ langPath: join(directory, 'absent') }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExtractionError);
    expect(failure).toMatchObject({
      code: 'OCR_UNAVAILABLE',
      message: expect.stringMatching(/missing/) as string,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a damaged model instead of letting the recogniser crash the process', async () => {
    writeFileSync(join(directory, 'eng.traineddata.gz'), gzipSync(Buffer.from('not a model'.repeat(1000))));
    await expect(OcrPool.start({ langPath: directory })).rejects.toMatchObject({
      code: 'OCR_UNAVAILABLE',
      message: expect.stringMatching(/not a Tesseract model/) as string,
    });
    writeFileSync(join(directory, 'eng.traineddata.gz'), Buffer.from('truncated download'));
    await expect(OcrPool.start({ langPath: directory })).rejects.toMatchObject({
      code: 'OCR_UNAVAILABLE',
      message: expect.stringMatching(/damaged/) as string,
    });
  });

  it('never starts more workers than cores, and refuses work once terminated', async () => {
    const pool = await OcrPool.start({ size: availableParallelism() + 3 });
    try {
      expect(pool.size).toBe(availableParallelism());
    } finally {
      await pool.terminate();
    }
    await expect(pool.recognise(Buffer.alloc(0))).rejects.toMatchObject({ code: 'OCR_UNAVAILABLE' });
  });
});
