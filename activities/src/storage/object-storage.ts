import { Client } from 'minio';

export interface ObjectStorageSettings {
  readonly S3_ENDPOINT?: string;
  readonly S3_REGION?: string;
  readonly S3_ACCESS_KEY?: string;
  readonly S3_SECRET_KEY?: string;
}

/** A minio client for any S3-compatible server; path-style, and a fixed region so it never asks for one. */
export function createObjectStorageClient(settings: ObjectStorageSettings): Client {
  const endpoint = new URL(settings.S3_ENDPOINT ?? 'http://127.0.0.1:7070');
  const useSSL = endpoint.protocol === 'https:';
  return new Client({
    endPoint: endpoint.hostname,
    port: endpoint.port === '' ? (useSSL ? 443 : 80) : Number(endpoint.port),
    useSSL,
    pathStyle: true,
    region: settings.S3_REGION ?? 'us-east-1',
    accessKey: settings.S3_ACCESS_KEY ?? '',
    secretKey: settings.S3_SECRET_KEY ?? '',
  });
}

/** Creates each bucket if missing and turns versioning on: documents are never overwritten in place. */
export async function ensureBuckets(
  client: Client,
  buckets: readonly string[],
  region: string,
): Promise<void> {
  for (const bucket of buckets) {
    if (!(await client.bucketExists(bucket))) await client.makeBucket(bucket, region);
    const versioning = (await client.getBucketVersioning(bucket)) as { Status?: string } | undefined;
    if (versioning?.Status !== 'Enabled') await client.setBucketVersioning(bucket, { Status: 'Enabled' });
  }
}
