// h1 = SHA-256( UTF-8("registry/identity/v1") || 0x00 || UTF-8(kind) || 0x00 || UTF-8(value) ) (docs/identity.md).
// h1 is personal data (a pseudonym): never log it, nor the value it is computed from.
import { createHash } from 'node:crypto';

export const DOMAIN = 'registry/identity/v1';
export const HASH_LENGTH = 32;

/**
 * h1 of an already normalised value; no validation beyond what keeps the input unambiguous.
 * @param {string} kindName 'kz-iin' or 'name-dob'
 * @param {string} normalizedValue e.g. '900521389141'
 * @returns {Buffer} the 32-byte digest
 */
export function computeH1(kindName, normalizedValue) {
  check(kindName, 'kindName');
  check(normalizedValue, 'normalizedValue');
  if (kindName.length === 0) throw new RangeError('kindName must not be empty');

  // Buffer.from would turn an unpaired surrogate into U+FFFD silently; the .NET SDK's strict UTF-8 refuses it.
  return createHash('sha256')
    .update(Buffer.from(DOMAIN, 'utf8')).update(Buffer.of(0))
    .update(Buffer.from(kindName, 'utf8')).update(Buffer.of(0))
    .update(Buffer.from(normalizedValue, 'utf8'))
    .digest();
}

function check(text, name) {
  if (typeof text !== 'string') throw new TypeError(`${name} must be a string`);
  if (text.includes('\0')) throw new RangeError(`${name} must not contain U+0000, the field separator of the hash input`);
  if (!text.isWellFormed()) throw new RangeError(`${name} is not valid UTF-16 text`);
}
