// The stable rule codes of identity v1 (docs/identity.md, "Every rule code"); the same strings as the .NET SDK's
// IdentityValidationRules.

export const IIN_NOT_DIGITS = 'IIN_NOT_DIGITS';
export const IIN_LENGTH = 'IIN_LENGTH';
export const IIN_CENTURY = 'IIN_CENTURY';
export const IIN_DATE = 'IIN_DATE';
export const IIN_DATE_FUTURE = 'IIN_DATE_FUTURE';
export const IIN_CHECKSUM_UNDEFINED = 'IIN_CHECKSUM_UNDEFINED';
export const IIN_CHECKSUM = 'IIN_CHECKSUM';
export const NAME_EMPTY = 'NAME_EMPTY';
export const NAME_NO_LETTERS = 'NAME_NO_LETTERS';
export const NAME_TOO_LONG = 'NAME_TOO_LONG';
export const NAME_INVALID_TEXT = 'NAME_INVALID_TEXT';
export const NAME_UNASSIGNED = 'NAME_UNASSIGNED';
export const BIRTH_DATE_TOO_EARLY = 'BIRTH_DATE_TOO_EARLY';
export const BIRTH_DATE_FUTURE = 'BIRTH_DATE_FUTURE';

/** Every rule code, for tests that check the vector table names each one. */
export const ALL_RULES = Object.freeze([
  IIN_NOT_DIGITS, IIN_LENGTH, IIN_CENTURY, IIN_DATE, IIN_DATE_FUTURE, IIN_CHECKSUM_UNDEFINED, IIN_CHECKSUM,
  NAME_EMPTY, NAME_NO_LETTERS, NAME_TOO_LONG, NAME_INVALID_TEXT, NAME_UNASSIGNED, BIRTH_DATE_TOO_EARLY, BIRTH_DATE_FUTURE,
]);

/** An identifier broke a v1 rule. The message never holds the identifier, only the offending part. */
export class IdentityValidationError extends Error {
  /**
   * @param {string} rule one of the codes above
   * @param {string} message what is wrong and what to do
   * @param {'iin' | 'fullName' | 'birthDate'} paramName the input at fault
   */
  constructor(rule, message, paramName) {
    super(message);
    this.name = 'IdentityValidationError';
    this.rule = rule;
    this.paramName = paramName;
  }
}

/** `U+XXXX`, at least four upper-case hex digits, as the .NET SDK writes a code point. */
export const codePointLabel = (cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
