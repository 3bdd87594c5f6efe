// Kind kz-iin of identity v1: the Kazakhstan individual identification number (docs/identity.md, "kz-iin: rules").
import { formatDate, isInFuture, isRealDate } from './birth-date.js';
import * as Rules from './rules.js';

export const KIND_NAME = 'kz-iin';

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

const fail = (rule, message) => new Rules.IdentityValidationError(rule, message, 'iin');
const digit = (digits, i) => digits.charCodeAt(i) - 0x30;

/**
 * Removes U+0020 spaces and U+002D hyphens from an IIN and validates it.
 * @param {string} iin the IIN as entered, e.g. '900521 389141'
 * @param {{ now?: () => Date }} [options] the clock for the future-date rule
 * @returns {{ normalized: string } | { error: Rules.IdentityValidationError }}
 */
export function tryNormalize(iin, { now = () => new Date() } = {}) {
  if (typeof iin !== 'string') throw new TypeError('iin must be a string');
  const digits = iin.replaceAll(' ', '').replaceAll('-', '');
  const error = validate(digits, now);
  return error ? { error } : { normalized: digits };
}

/** Like tryNormalize, but throws the IdentityValidationError. */
export function normalize(iin, options) {
  const result = tryNormalize(iin, options);
  if (result.error) throw result.error;
  return result.normalized;
}

/** The mod-11 check digit of the first 11 digits, or null when both weighting passes give 10. */
export function computeCheckDigit(digits) {
  let check = weightedSum(digits, FIRST_WEIGHTS) % 11;
  if (check === 10) check = weightedSum(digits, SECOND_WEIGHTS) % 11;
  return check === 10 ? null : check;
}

function validate(digits, now) {
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      return fail(Rules.IIN_NOT_DIGITS,
        `The IIN must contain only the ASCII digits 0-9 (spaces and '-' are ignored), but character ${i + 1} of its digits is ${Rules.codePointLabel(c)}. Retype it with ASCII digits.`);
    }
  }

  if (digits.length !== 12) {
    return fail(Rules.IIN_LENGTH,
      `The IIN must have exactly 12 digits, but it has ${digits.length}. Check that no digit is missing or doubled.`);
  }

  const century = digit(digits, 6);
  if (century < 1 || century > 6) {
    return fail(Rules.IIN_CENTURY,
      `Digit 7 of the IIN (century and sex) must be 1-6 (1-2: born 1800-1899, 3-4: 1900-1999, 5-6: 2000-2099), but it is ${century}.`);
  }

  const year = (Math.trunc((century + 1) / 2) + 17) * 100 + digit(digits, 0) * 10 + digit(digits, 1);
  const month = digit(digits, 2) * 10 + digit(digits, 3);
  const day = digit(digits, 4) * 10 + digit(digits, 5);
  if (!isRealDate(year, month, day)) {
    return fail(Rules.IIN_DATE,
      `Digits 1-6 of the IIN must be a real date YYMMDD, but '${digits.slice(0, 6)}' with century digit ${century} would be ${year}-${digits.slice(2, 4)}-${digits.slice(4, 6)}, which does not exist.`);
  }

  const birthDate = formatDate(year, month, day);
  if (isInFuture(birthDate, now)) {
    return fail(Rules.IIN_DATE_FUTURE,
      `The IIN encodes the date of birth ${birthDate}, which is in the future. Check digits 1-6 and the century digit 7.`);
  }

  const check = computeCheckDigit(digits);
  if (check === null) {
    return fail(Rules.IIN_CHECKSUM_UNDEFINED,
      'No valid IIN starts with these 11 digits: both weighting passes of the check digit give 10. One of the first 11 digits is wrong.');
  }

  const actual = digit(digits, 11);
  if (check !== actual) {
    return fail(Rules.IIN_CHECKSUM,
      `The IIN's check digit (digit 12) is ${actual} but the first 11 digits require ${check}. One of the digits is mistyped.`);
  }

  return null;
}

function weightedSum(digits, weights) {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digit(digits, i) * weights[i];
  return sum;
}
