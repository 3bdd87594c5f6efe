// Identity hashing v1 in JavaScript: validate and normalise an identifier, then hash it locally into h1. Raw
// identifiers never leave the partner's machine; h1 and the normalised value are personal data too: never log them.
import { computeH1 } from './hasher.js';
import { MIN_BIRTH_DATE, isInFuture, isRealDate } from './birth-date.js';
import * as KzIin from './kz-iin.js';
import * as NameNormalizer from './name-normalizer.js';
import * as Rules from './rules.js';

export { computeH1, KzIin, NameNormalizer, Rules };
export { IdentityValidationError } from './rules.js';

export const NAME_DOB_KIND_NAME = 'name-dob';
const NAME_DOB_SEPARATOR = '\u001F';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A validated, normalised subject identity and its h1. toString() never shows the identifier. */
export class SubjectIdentity {
  #normalizedValue;

  constructor(kindName, normalizedValue) {
    this.kindName = kindName;
    this.#normalizedValue = normalizedValue;
    this.h1 = computeH1(kindName, normalizedValue);
    Object.freeze(this);
  }

  /** The normalised value that was hashed (personal data). */
  get normalizedValue() { return this.#normalizedValue; }

  toString() { return `${this.kindName}:***`; }

  /** @throws {Rules.IdentityValidationError} */
  static fromIin(iin, options) {
    return new SubjectIdentity(KzIin.KIND_NAME, KzIin.normalize(iin, options));
  }

  /**
   * @param {string} fullName
   * @param {string} birthDate 'YYYY-MM-DD'
   * @param {{ now?: () => Date }} [options]
   * @throws {Rules.IdentityValidationError}
   */
  static fromNameAndBirthDate(fullName, birthDate, { now = () => new Date() } = {}) {
    const name = NameNormalizer.normalize(fullName);
    const parts = typeof birthDate === 'string' ? ISO_DATE.exec(birthDate) : null;
    if (!parts || !isRealDate(Number(parts[1]), Number(parts[2]), Number(parts[3]))) {
      throw new TypeError("birthDate must be a real date written 'YYYY-MM-DD'");
    }
    if (birthDate < MIN_BIRTH_DATE) {
      throw new Rules.IdentityValidationError(Rules.BIRTH_DATE_TOO_EARLY,
        `The date of birth ${birthDate} is before ${MIN_BIRTH_DATE}. Check the year.`, 'birthDate');
    }
    if (isInFuture(birthDate, now)) {
      throw new Rules.IdentityValidationError(Rules.BIRTH_DATE_FUTURE,
        `The date of birth ${birthDate} is in the future. Check the year.`, 'birthDate');
    }
    return new SubjectIdentity(NAME_DOB_KIND_NAME, `${name}${NAME_DOB_SEPARATOR}${birthDate}`);
  }
}
