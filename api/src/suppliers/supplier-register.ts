import { Inject, Injectable } from '@nestjs/common';
import {
  type BankDetailsCipher,
  bankDetailsCipherFromConfig,
  type SupplierProfile,
  SupplierRepository,
} from '@eventvault/activities';
import { DatabaseClient } from '../clients/database-client';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { type SupplierModel } from './supplier.model';

export function toSupplierModel(profile: SupplierProfile): SupplierModel {
  return {
    id: profile.id,
    name: profile.name,
    vatNumber: profile.vatNumber,
    registrationNumber: profile.registrationNumber,
    email: profile.email,
    documentLocale: profile.documentLocale,
    bankDetails: profile.bankDetails,
  };
}

/** The supplier register of an organisation, with the key ring that opens bank details only to mask them. */
@Injectable()
export class SupplierRegister {
  private readonly cipher: BankDetailsCipher;

  constructor(
    private readonly database: DatabaseClient,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.cipher = bankDetailsCipherFromConfig(config);
  }

  of(organisationId: string): SupplierRepository {
    return new SupplierRepository(this.database.db, organisationId, this.cipher);
  }

  get bankDetailsCipher(): BankDetailsCipher {
    return this.cipher;
  }
}
