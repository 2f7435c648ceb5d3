/** What a redacted value reads as in an admin's view of a workflow. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values never leave the API, compared without case, dashes or underscores: credentials, tokens, and
 * bank details (account numbers, IBANs, sealed bank-detail ciphertext).
 */
const secretKeyParts = [
  'password',
  'secret',
  'token',
  'authorization',
  'apikey',
  'accountnumber',
  'iban',
  'bankaccount',
  'ciphertext',
  'sealed',
];

const jwtShape = /^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/;
const bearerShape = /^Bearer\s+\S+$/i;

/** Too short to look for inside other words ("footprint" holds "otp"). */
const secretKeys = new Set(['otp', 'totp', 'otpcode', 'pin', 'cvv']);

export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[-_\s]/g, '');
  return secretKeys.has(normalised) || secretKeyParts.some((part) => normalised.includes(part));
}

/**
 * A deep copy of `value` with every secret replaced by REDACTED: values under secret keys (whole subtrees), and
 * strings that are tokens whatever their key (JWTs, bearer credentials).
 */
export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return jwtShape.test(value) || bearerShape.test(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        isSecretKey(key) ? REDACTED : redactSecrets(inner),
      ]),
    );
  }
  return value;
}

const tokensInText =
  /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}|Bearer\s+[A-Za-z0-9\-._~+/]+=*/g;

/** Free text (an error message, a URL) with any token inside it replaced by REDACTED. */
export function redactTokensInText(text: string): string {
  return text.replace(tokensInText, REDACTED);
}
