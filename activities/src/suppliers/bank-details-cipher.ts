import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type BankDetails, checkBankDetails } from './bank-details';

export class BankDetailsCipherError extends Error {
  override readonly name = 'BankDetailsCipherError';
}

/** Where the sealed details belong: binding them to their row stops a ciphertext being copied to another supplier. */
export interface SealContext {
  readonly organisationId: string;
  readonly supplierId: string;
}

export interface SealedBankDetails {
  readonly ciphertext: Uint8Array<ArrayBuffer>;
  readonly keyId: string;
}

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Prefix of the development key ring's ids; refused in production. */
export const DEVELOPMENT_KEY_PREFIX = 'dev-only';

/**
 * Envelope encryption of bank details with AES-256-GCM: every record gets a fresh data key, which is itself sealed
 * by a key-encryption key from the key ring. The database holds the envelope and the key-encryption key's id, so
 * keys can be rotated (new records use the first key of the ring; older ids keep opening) without a bulk rewrite.
 *
 * Envelope: version (1) | wrap iv (12) | wrap tag (16) | wrapped data key (32) | data iv (12) | data tag (16) | data.
 */
export class BankDetailsCipher {
  private constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly currentKeyId: string,
  ) {}

  /**
   * Builds the cipher from `BANK_DETAILS_KEYRING`: comma-separated `keyId:base64Key` entries of 32-byte keys, the
   * first one current. Development key ids are refused when `production` is true.
   */
  static fromKeyring(keyring: string, options: { production?: boolean } = {}): BankDetailsCipher {
    const keys = new Map<string, Buffer>();
    for (const entry of keyring
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, separator).trim();
      const key = Buffer.from(entry.slice(separator + 1).trim(), 'base64');
      if (separator <= 0 || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
        throw new BankDetailsCipherError(
          'Each key ring entry must be keyId:base64Key (id of letters, digits, . _ -).',
        );
      }
      if (key.length !== KEY_BYTES) {
        throw new BankDetailsCipherError(`Key "${id}" must be ${KEY_BYTES} bytes, base64-encoded.`);
      }
      if (keys.has(id)) throw new BankDetailsCipherError(`Key "${id}" appears twice in the key ring.`);
      if (options.production && id.startsWith(DEVELOPMENT_KEY_PREFIX)) {
        throw new BankDetailsCipherError(`Key "${id}" is a development key and is refused in production.`);
      }
      keys.set(id, key);
    }
    const [currentKeyId] = keys.keys();
    if (currentKeyId === undefined) throw new BankDetailsCipherError('The bank-details key ring is empty.');
    return new BankDetailsCipher(keys, currentKeyId);
  }

  seal(details: BankDetails, context: SealContext): SealedBankDetails {
    const plaintext = Buffer.from(JSON.stringify(checkBankDetails(details)), 'utf8');
    const dataKey = randomBytes(KEY_BYTES);
    const aad = additionalData(context);
    const data = encrypt(dataKey, plaintext, aad);
    const wrapped = encrypt(this.key(this.currentKeyId), dataKey, aad);
    dataKey.fill(0);
    const envelope = Buffer.concat([Buffer.from([FORMAT_VERSION]), wrapped, data]);
    return { ciphertext: new Uint8Array(envelope), keyId: this.currentKeyId };
  }

  open(sealed: { ciphertext: Uint8Array; keyId: string }, context: SealContext): BankDetails {
    const envelope = Buffer.from(sealed.ciphertext);
    const wrappedLength = IV_BYTES + TAG_BYTES + KEY_BYTES;
    if (envelope[0] !== FORMAT_VERSION || envelope.length < 1 + wrappedLength + IV_BYTES + TAG_BYTES) {
      throw new BankDetailsCipherError('The sealed bank details are not in a format this version can read.');
    }
    const aad = additionalData(context);
    try {
      const dataKey = decrypt(this.key(sealed.keyId), envelope.subarray(1, 1 + wrappedLength), aad);
      const plaintext = decrypt(dataKey, envelope.subarray(1 + wrappedLength), aad);
      return JSON.parse(plaintext.toString('utf8')) as BankDetails;
    } catch (error) {
      if (error instanceof BankDetailsCipherError) throw error;
      throw new BankDetailsCipherError('The sealed bank details failed their integrity check.');
    }
  }

  /** True when the details were sealed with an older key and should be resealed with the current one. */
  needsRotation(keyId: string): boolean {
    return keyId !== this.currentKeyId;
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new BankDetailsCipherError(`Key "${id}" is not in the bank-details key ring.`);
    return key;
  }
}

function additionalData(context: SealContext): Buffer {
  return Buffer.from(`eventvault/bank-details/v1/${context.organisationId}/${context.supplierId}`, 'utf8');
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES)).setAAD(aad);
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** The cipher the API and the worker use, from their validated configuration. */
export function bankDetailsCipherFromConfig(
  config: { readonly BANK_DETAILS_KEYRING: string },
  env: NodeJS.ProcessEnv = process.env,
): BankDetailsCipher {
  return BankDetailsCipher.fromKeyring(config.BANK_DETAILS_KEYRING, {
    production: env.NODE_ENV === 'production',
  });
}
