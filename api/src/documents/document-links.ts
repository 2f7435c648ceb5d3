import { Inject, Injectable } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import { API_CONFIG, type ApiConfig, integerSetting } from '../config/api-config';
import { ObjectStorage } from '../clients/object-storage';
import { rethrowDependencyDown } from '../invoices/dependency-errors';

@ObjectType('DocumentLink', { description: 'A short-lived presigned download URL of a stored object.' })
export class DocumentLinkModel {
  @Field(() => String)
  url!: string;

  @Field(() => Date, { description: 'When the URL stops working.' })
  expiresAt!: Date;
}

/**
 * Presigned GET URLs for objects of the documents bucket. Callers check first that the object belongs to the caller's
 * organisation (keys start with its id): a link is a bearer credential for as long as it lives.
 */
@Injectable()
export class DocumentLinks {
  private readonly ttlSeconds: number;

  constructor(
    private readonly storage: ObjectStorage,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.ttlSeconds = integerSetting(config, 'DOCUMENT_LINK_TTL_SECONDS');
  }

  /** A download link; `fileName` makes browsers save it under that name, `inline` lets them show it instead. */
  async link(
    objectKey: string,
    options: { fileName?: string; contentType?: string; inline?: boolean } = {},
    now: Date = new Date(),
  ): Promise<DocumentLinkModel> {
    const disposition = options.inline === false ? 'attachment' : 'inline';
    const headers: Record<string, string> = {
      'response-content-disposition': options.fileName
        ? `${disposition}; filename*=UTF-8''${encodeURIComponent(options.fileName)}`
        : disposition,
    };
    if (options.contentType) headers['response-content-type'] = options.contentType;
    const url = await this.storage.client
      .presignedGetObject(this.storage.documentsBucket, objectKey, this.ttlSeconds, headers, now)
      .catch((error: unknown) => rethrowDependencyDown(error, 'Document storage'));
    return { url, expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000) };
  }
}
