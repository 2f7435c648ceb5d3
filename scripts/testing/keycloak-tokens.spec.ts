import { audiencesOf, decodeJwtClaims, hotp, keycloakTotp, totp, type OtpAlgorithm } from './keycloak-tokens';

// RFC 6238 appendix B: the seed is the ASCII string "1234567890" repeated to the hash's key length.
const seeds: Record<OtpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
};

const rfc6238Vectors: [number, OtpAlgorithm, string][] = [
  [59, 'sha1', '94287082'],
  [59, 'sha256', '46119246'],
  [59, 'sha512', '90693936'],
  [1111111109, 'sha1', '07081804'],
  [1111111109, 'sha256', '68084774'],
  [1111111109, 'sha512', '25091201'],
  [1111111111, 'sha1', '14050471'],
  [1111111111, 'sha256', '67062674'],
  [1111111111, 'sha512', '99943326'],
  [1234567890, 'sha1', '89005924'],
  [1234567890, 'sha256', '91819424'],
  [1234567890, 'sha512', '93441116'],
  [2000000000, 'sha1', '69279037'],
  [2000000000, 'sha256', '90698825'],
  [2000000000, 'sha512', '38618901'],
  [20000000000, 'sha1', '65353130'],
  [20000000000, 'sha256', '77737706'],
  [20000000000, 'sha512', '47863826'],
];

describe('totp (RFC 6238)', () => {
  it.each(rfc6238Vectors)('at %i s with %s gives %s', (seconds, algorithm, expected) => {
    expect(totp(seeds[algorithm], { timeMs: seconds * 1000, digits: 8, algorithm })).toBe(expected);
  });

  it('defaults to 6 digits, SHA-1 and 30 s steps', () => {
    expect(totp(seeds.sha1, { timeMs: 59_000 })).toBe('287082');
    expect(totp(seeds.sha1, { timeMs: 30_000 })).toBe(totp(seeds.sha1, { timeMs: 59_999 }));
  });
});

describe('hotp (RFC 4226 appendix D)', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  it.each(expected.map((code, counter) => [counter, code] as const))(
    'counter %i gives %s',
    (counter, code) => {
      expect(hotp(seeds.sha1, BigInt(counter))).toBe(code);
    },
  );
});

describe('keycloakTotp', () => {
  it('keys the HMAC with the UTF-8 bytes of the stored secret', () => {
    expect(keycloakTotp('12345678901234567890', 59_000)).toBe('287082');
  });
});

describe('decodeJwtClaims', () => {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('reads the payload without verifying it', () => {
    const claims = { sub: 'u1', aud: ['eventvault-api', 'account'], acr: '2', org: 'kalahari-live' };
    const jwt = `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`;
    expect(decodeJwtClaims(jwt)).toEqual(claims);
    expect(audiencesOf(decodeJwtClaims(jwt))).toEqual(['eventvault-api', 'account']);
    expect(audiencesOf({ aud: 'eventvault-api' })).toEqual(['eventvault-api']);
  });

  it('rejects something that is not a JWT', () => {
    expect(() => decodeJwtClaims('nope')).toThrow('not a JWT');
  });
});
