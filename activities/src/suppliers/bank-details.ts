/** A supplier's bank account as finance enters it. Only ever stored sealed (see BankDetailsCipher). */
export interface BankDetails {
  readonly accountHolder: string;
  readonly bankName: string;
  readonly accountNumber: string;
  /** Branch or sort code where the country uses one (South Africa: universal branch code). */
  readonly branchCode?: string;
  readonly iban?: string;
  readonly swiftBic?: string;
}

export class BankDetailsError extends Error {
  override readonly name = 'BankDetailsError';
}

const required = ['accountHolder', 'bankName', 'accountNumber'] as const;

/** Trims every field and refuses details a payment could not be made to. */
export function checkBankDetails(details: BankDetails): BankDetails {
  for (const field of required) {
    if (typeof details[field] !== 'string' || details[field].trim() === '') {
      throw new BankDetailsError(`Bank details need ${field}.`);
    }
  }
  const accountNumber = details.accountNumber.replace(/[\s-]/g, '');
  if (!/^[A-Za-z0-9]{4,34}$/.test(accountNumber)) {
    throw new BankDetailsError('The account number must be 4 to 34 letters or digits.');
  }
  const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  return {
    accountHolder: details.accountHolder.trim(),
    bankName: details.bankName.trim(),
    accountNumber,
    branchCode: optional(details.branchCode),
    iban: optional(details.iban)?.replace(/\s/g, '').toUpperCase(),
    swiftBic: optional(details.swiftBic)?.toUpperCase(),
  };
}

/** What screens and logs may show: the bank and the last four digits, never the number. */
export function maskBankDetails(details: BankDetails): { bankName: string; accountEnding: string } {
  return { bankName: details.bankName, accountEnding: details.accountNumber.slice(-4) };
}
