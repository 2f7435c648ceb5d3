import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config/environment';
import { createObjectStorageClient, ensureBuckets } from './object-storage';

describe('object storage', () => {
  const config = loadConfig('worker');
  const storage = createObjectStorageClient(config);
  const buckets: string[] = [];

  afterAll(async () => {
    for (const bucket of buckets) {
      const versions: { name: string; versionId: string }[] = [];
      for await (const item of storage.listObjects(bucket, '', true, { IncludeVersion: true })) {
        const { name, versionId } = item as { name?: string; versionId?: string | null };
        versions.push({ name: name ?? '', versionId: versionId ?? '' });
      }
      await storage.removeObjects(bucket, versions);
      await storage.removeBucket(bucket);
    }
  });

  it('has the stack buckets, versioned', async () => {
    for (const bucket of [config.S3_BUCKET_DOCUMENTS, config.S3_BUCKET_REPORTS]) {
      expect(await storage.bucketExists(bucket)).toBe(true);
      expect(await storage.getBucketVersioning(bucket)).toMatchObject({ Status: 'Enabled' });
    }
  });

  it('creates a missing bucket with versioning, idempotently, and keeps every version of an object', async () => {
    const bucket = `test-${randomUUID()}`;
    buckets.push(bucket);
    await ensureBuckets(storage, [bucket], config.S3_REGION);
    await ensureBuckets(storage, [bucket], config.S3_REGION);
    const first = await storage.putObject(bucket, 'invoice.pdf', Buffer.from('version one'));
    const second = await storage.putObject(bucket, 'invoice.pdf', Buffer.from('version two'));
    expect(first.versionId).toBeTruthy();
    expect(second.versionId).not.toBe(first.versionId);
    const older = await storage.getObject(bucket, 'invoice.pdf', { versionId: first.versionId ?? '' });
    const chunks: Buffer[] = [];
    for await (const chunk of older) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('version one');
  });
});
