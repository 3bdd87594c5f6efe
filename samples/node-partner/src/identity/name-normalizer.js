// Kind name-dob of identity v1: the name rules, in the order docs/identity.md gives ("name-dob: rules"); the order is
// part of v1, a step moved changes some hashes.
import { fold } from './punctuation-folding.js';
import * as Rules from './rules.js';
import { UNICODE_VERSION, isLetter, isUnassigned, isWhiteSpace, nfkc, toUpperSimple } from './unicode.js';

/** The longest accepted normalised name, in UTF-16 code units. */
export const MAX_LENGTH = 300;

/** The longest accepted name before normalisation, in UTF-16 code units; longer input is rejected unread. */
export const MAX_INPUT_LENGTH = 1000;

const fail = (rule, message) => new Rules.IdentityValidationError(rule, message, 'fullName');

/**
 * Normalises and validates a full name.
 * @param {string} fullName the name as entered, e.g. 'Бекмұханов  Дәурен Серікұлы'
 * @returns {{ normalized: string } | { error: Rules.IdentityValidationError }}
 */
export function tryNormalize(fullName) {
  if (typeof fullName !== 'string') throw new TypeError('fullName must be a string');
  if (fullName.length > MAX_INPUT_LENGTH) {
    return { error: fail(Rules.NAME_TOO_LONG,
      `The full name must be at most ${MAX_INPUT_LENGTH} characters before normalisation, but it has ${fullName.length}.`) };
  }

  const error = checkWellFormed(fullName) ?? checkAssigned(fullName);
  if (error) return { error };

  const result = filter(upper(nfkc(fold(fullName))));
  const invalid = check(result);
  return invalid ? { error: invalid } : { normalized: result };
}

/** Like tryNormalize, but throws the IdentityValidationError. */
export function normalize(fullName) {
  const result = tryNormalize(fullName);
  if (result.error) throw result.error;
  return result.normalized;
}

// .NET cannot normalise text with an unpaired surrogate or U+FFFE; v1 rejects it before anything else looks at it.
function checkWellFormed(text) {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isHigh = unit >= 0xD800 && unit <= 0xDBFF;
    const next = text.charCodeAt(i + 1);
    if (isHigh && next >= 0xDC00 && next <= 0xDFFF) {
      i++;
    } else if ((unit >= 0xD800 && unit <= 0xDFFF) || unit === 0xFFFE) {
      return fail(Rules.NAME_INVALID_TEXT,
        `The full name is not valid Unicode text: character ${i + 1} (${Rules.codePointLabel(unit)}) is an unpaired surrogate or a noncharacter. Retype the name.`);
    }
  }
  return null;
}

// An unassigned code point is dropped today (it is not a letter), but a later Unicode version may assign it as a
// letter, which would be kept and change the hash; so v1 refuses to hash it.
function checkAssigned(text) {
  let i = 0;
  for (const c of text) {
    const cp = c.codePointAt(0);
    if (isUnassigned(cp)) {
      return fail(Rules.NAME_UNASSIGNED,
        `The full name holds a code point that is unassigned in Unicode ${UNICODE_VERSION} (identity v1 is defined on it): character ${i + 1} is ${Rules.codePointLabel(cp)}. Its hash could change with a later Unicode version, so it is refused. Remove or retype that character.`);
    }
    i += c.length;
  }
  return null;
}

const upper = (text) => Array.from(text, (c) => String.fromCodePoint(toUpperSimple(c.codePointAt(0)))).join('');

function filter(text) {
  let out = '';
  let pendingSpace = false;
  for (const c of text) {
    if (isWhiteSpace(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (!isLetter(c) && c !== '-' && c !== "'") continue;

    // White space next to a hyphen is removed: "Петров - Водкин" is "ПЕТРОВ-ВОДКИН". The output never ends in a space
    // (a space is written only before the next kept character), so dropping the pending one suffices.
    if (pendingSpace && c !== '-' && !out.endsWith('-')) out += ' ';
    pendingSpace = false;
    out += c === 'Ё' ? 'Е' : c;
  }
  return out;
}

function check(normalized) {
  if (normalized.length === 0) {
    return fail(Rules.NAME_EMPTY,
      "The full name is empty once every character other than a letter, white space, a hyphen (-) or an apostrophe (') is removed. Enter the name in letters.");
  }
  if (normalized.length > MAX_LENGTH) {
    return fail(Rules.NAME_TOO_LONG,
      `The full name must be at most ${MAX_LENGTH} characters after normalisation, but it has ${normalized.length}.`);
  }
  for (const c of normalized) {
    if (isLetter(c)) return null;
  }
  return fail(Rules.NAME_NO_LETTERS,
    "The full name contains no letter, only hyphens (-), apostrophes (') or spaces. Enter the name in letters.");
}
