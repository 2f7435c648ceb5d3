import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'minio';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/** The S3-compatible object store (path-style, fixed region so the client never asks the server for one). */
@Injectable()
export class ObjectStorage {
  readonly client: Client;
  readonly documentsBucket: string;
  readonly reportsBucket: string;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    const endpoint = new URL(config.S3_ENDPOINT);
    const useSSL = endpoint.protocol === 'https:';
    this.client = new Client({
      endPoint: endpoint.hostname,
      port: endpoint.port === '' ? (useSSL ? 443 : 80) : Number(endpoint.port),
      useSSL,
      pathStyle: true,
      region: config.S3_REGION,
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
    });
    this.documentsBucket = config.S3_BUCKET_DOCUMENTS;
    this.reportsBucket = config.S3_BUCKET_REPORTS;
  }
}
