import { isSecretKey, REDACTED, redactSecrets } from './secret-redaction';

describe('redactSecrets', () => {
  it('replaces values under secret keys, at any depth and whatever their type', () => {
    expect(
      redactSecrets({
        supplier: {
          name: 'Karoo Sound Hire',
          bank: { accountNumber: '62012345678', iban: 'GB29NWBK60161331926819' },
        },
        password: { nested: 'x' },
        client_secret: 'abc',
        refreshToken: 'r',
        sealedBankDetails: 'ZW5j',
        bankDetailsCiphertext: 'ZW5j',
        totp: '123456',
        lines: [{ description: 'Stage', apiKey: 'k' }],
      }),
    ).toEqual({
      supplier: { name: 'Karoo Sound Hire', bank: { accountNumber: REDACTED, iban: REDACTED } },
      password: REDACTED,
      client_secret: REDACTED,
      refreshToken: REDACTED,
      sealedBankDetails: REDACTED,
      bankDetailsCiphertext: REDACTED,
      totp: REDACTED,
      lines: [{ description: 'Stage', apiKey: REDACTED }],
    });
  });

  it('replaces tokens whatever their key', () => {
    const jwt = `eyJhbGciOiJSUzI1NiJ9.${'a'.repeat(20)}.${'b'.repeat(20)}`;
    expect(redactSecrets({ note: jwt, header: 'Bearer abc.def', list: [jwt] })).toEqual({
      note: REDACTED,
      header: REDACTED,
      list: [REDACTED],
    });
  });

  it('keeps ordinary business fields', () => {
    const value = {
      footprint: 'large',
      accountEnding: '5678',
      invoiceNumber: 'INV-001',
      amount: '1500.00',
      n: 3,
    };
    expect(redactSecrets(value)).toEqual(value);
    expect(['footprint', 'accountEnding', 'bankName'].map(isSecretKey)).toEqual([false, false, false]);
  });
});
