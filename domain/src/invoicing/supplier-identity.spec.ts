import { normaliseVatNumber, supplierNameKey, supplierNameSimilarity } from './supplier-identity';

describe('supplier identity', () => {
  it('normalises VAT numbers as printed', () => {
    expect(normaliseVatNumber('nl 8104.33941-b01')).toBe('NL810433941B01');
    expect(normaliseVatNumber('4 123 456 789')).toBe('4123456789');
  });

  it.each([
    ['Coolblue B.V.', 'COOLBLUE'],
    ['The Stage Co (Pty) Ltd', 'STAGE'],
    ['Amazon Web Services, Inc.', 'AMAZON WEB SERVICES'],
    ['Société Générale S.A.', 'SOCIETE GENERALE'],
    ['Sound & Light CC', 'SOUND & LIGHT'],
  ])('keys %s as %s', (name, key) => {
    expect(supplierNameKey(name)).toBe(key);
  });

  it('scores the same name 1, a name within another less, and unrelated names 0', () => {
    expect(supplierNameSimilarity('Coolblue B.V.', 'COOLBLUE bv')).toBe(1);
    const partial = supplierNameSimilarity('Amazon Web Services', 'Amazon Web Services EMEA SARL');
    expect(partial).toBeGreaterThan(0.6);
    expect(partial).toBeLessThan(1);
    expect(supplierNameSimilarity('Free', 'Freedom Stages')).toBe(0);
    expect(supplierNameSimilarity('Ltd', 'Pty Ltd')).toBe(0);
  });
});
