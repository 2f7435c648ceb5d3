import { Injectable } from '@nestjs/common';
import { ObjectStorage } from '../../clients/object-storage';
import { type HealthProbe } from './health-probe';

@Injectable()
export class S3Probe implements HealthProbe {
  readonly name = 's3';

  constructor(private readonly storage: ObjectStorage) {}

  async check(): Promise<void> {
    const exists = await this.storage.client.bucketExists(this.storage.documentsBucket);
    if (!exists) throw new Error(`bucket ${this.storage.documentsBucket} does not exist`);
  }
}
