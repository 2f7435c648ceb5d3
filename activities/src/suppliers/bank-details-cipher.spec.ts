import { randomBytes } from 'node:crypto';
import {
  BankDetailsCipher,
  BankDetailsCipherError,
  bankDetailsCipherFromConfig,
} from './bank-details-cipher';
import { BankDetailsError, maskBankDetails } from './bank-details';

const key = () => randomBytes(32).toString('base64');
const here = { organisationId: 'org-1', supplierId: 'supplier-1' };
const details = {
  accountHolder: 'Sound & Stage (Pty) Ltd',
  bankName: 'First National Bank',
  accountNumber: '6200 1234 5678',
  branchCode: '250655',
};

describe('BankDetailsCipher', () => {
  it('opens what it sealed, with the account number normalised, and never stores the plain text', () => {
    const cipher = BankDetailsCipher.fromKeyring(`k1:${key()}`);
    const sealed = cipher.seal(details, here);
    expect(sealed.keyId).toBe('k1');
    expect(Buffer.from(sealed.ciphertext).toString('latin1')).not.toContain('620012345678');
    expect(Buffer.from(sealed.ciphertext).toString('latin1')).not.toContain('First National');
    expect(cipher.open(sealed, here)).toEqual({ ...details, accountNumber: '620012345678' });
  });

  it('seals the same details differently every time (fresh data key and nonce)', () => {
    const cipher = BankDetailsCipher.fromKeyring(`k1:${key()}`);
    const a = Buffer.from(cipher.seal(details, here).ciphertext);
    const b = Buffer.from(cipher.seal(details, here).ciphertext);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a ciphertext moved to another supplier or organisation', () => {
    const cipher = BankDetailsCipher.fromKeyring(`k1:${key()}`);
    const sealed = cipher.seal(details, here);
    expect(() => cipher.open(sealed, { ...here, supplierId: 'supplier-2' })).toThrow(BankDetailsCipherError);
    expect(() => cipher.open(sealed, { ...here, organisationId: 'org-2' })).toThrow(/integrity/);
  });

  it('detects a flipped bit anywhere in the envelope', () => {
    const cipher = BankDetailsCipher.fromKeyring(`k1:${key()}`);
    const sealed = cipher.seal(details, here);
    for (const position of [1, 20, 40, 70, sealed.ciphertext.length - 1]) {
      const tampered = Uint8Array.from(sealed.ciphertext);
      tampered[position] = (tampered[position] ?? 0) ^ 0x01;
      expect(() => cipher.open({ ciphertext: tampered, keyId: 'k1' }, here)).toThrow(BankDetailsCipherError);
    }
  });

  it('rotates: a new current key seals, the old key still opens, and old records are flagged for resealing', () => {
    const oldKey = key();
    const before = BankDetailsCipher.fromKeyring(`k1:${oldKey}`);
    const sealedBefore = before.seal(details, here);
    const after = BankDetailsCipher.fromKeyring(`k2:${key()},k1:${oldKey}`);
    expect(after.open(sealedBefore, here).bankName).toBe('First National Bank');
    expect(after.needsRotation(sealedBefore.keyId)).toBe(true);
    expect(after.seal(details, here).keyId).toBe('k2');
    expect(() => BankDetailsCipher.fromKeyring(`k2:${key()}`).open(sealedBefore, here)).toThrow(
      /Key "k1" is not in the bank-details key ring/,
    );
  });

  it('refuses a malformed key ring, and development keys in production', () => {
    expect(() => BankDetailsCipher.fromKeyring('')).toThrow(/empty/);
    expect(() => BankDetailsCipher.fromKeyring('no-separator')).toThrow(/keyId:base64Key/);
    expect(() => BankDetailsCipher.fromKeyring(`k1:${randomBytes(16).toString('base64')}`)).toThrow(
      /32 bytes/,
    );
    expect(() => BankDetailsCipher.fromKeyring(`k1:${key()},k1:${key()}`)).toThrow(/twice/);
    const dev = `dev-only-1:${key()}`;
    expect(() =>
      bankDetailsCipherFromConfig({ BANK_DETAILS_KEYRING: dev }, { NODE_ENV: 'production' }),
    ).toThrow(/development key/);
    expect(bankDetailsCipherFromConfig({ BANK_DETAILS_KEYRING: dev }, {})).toBeInstanceOf(BankDetailsCipher);
  });

  it('refuses incomplete details and masks the account number for display', () => {
    const cipher = BankDetailsCipher.fromKeyring(`k1:${key()}`);
    expect(() => cipher.seal({ ...details, accountNumber: ' ' }, here)).toThrow(BankDetailsError);
    expect(() => cipher.seal({ ...details, accountNumber: '12' }, here)).toThrow(/4 to 34/);
    expect(maskBankDetails({ ...details, accountNumber: '620012345678' })).toEqual({
      bankName: 'First National Bank',
      accountEnding: '5678',
    });
  });
});
