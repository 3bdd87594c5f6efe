// The character data identity v1 is defined on, Unicode 16.0 as .NET 10 carries it, reproduced on Node.js, whose ICU
// is another version (Node 20.20: ICU 78.2, Unicode 17.0). What this module measured against the Unicode 16.0
// character database (scripts/generate-unicode-data.mjs's packages), over every code point:
// - Node's \p{Cn} is a subset of Unicode 16.0's unassigned code points; the 4,803 that Unicode 17.0 added are assigned
//   for Node, so the unassigned test uses the Unicode 16.0 table, not \p{Cn}.
// - For every code point assigned in 16.0, Node's \p{L} and \p{White_Space} equal Unicode 16.0's Letter and White_Space.
// - Simple upper-casing, derived below from String.prototype.toUpperCase (which applies the full mapping), equals
//   Unicode 16.0's simple upper-case mapping except U+A7D3 and U+A7D5, which Unicode 17.0 maps to new letters.
// On top of Unicode 16.0, the reference SDK (.NET 10 on Linux) takes NFKC and upper-casing from the machine's ICU: ICU
// 72.1 (Unicode 15.0) on the machine the vectors were made on. ICU 72 leaves every code point assigned after 15.0 as it
// is, so this module does too (docs/identity.md, "Caveats"): such a name then hashes as it does in the .NET SDK there.
import { ASSIGNED_AFTER_15_0, UNASSIGNED_16_0 } from './unicode-data.js';

/** The Unicode version v1 is defined on. */
export const UNICODE_VERSION = '16.0';

function inRanges(ranges, cp) {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[2 * mid]) hi = mid - 1;
    else if (cp > ranges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** General category Cn in Unicode 16.0 (noncharacters included). */
export const isUnassigned = (cp) => inRanges(UNASSIGNED_16_0, cp);

/** Assigned by Unicode 15.1 or 16.0: unknown to ICU 72. */
export const isAssignedAfter15 = (cp) => inRanges(ASSIGNED_AFTER_15_0, cp);

const LETTER = /^\p{L}$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;

export const isLetter = (c) => LETTER.test(c);
export const isWhiteSpace = (c) => WHITE_SPACE.test(c);

/**
 * NFKC that leaves code points assigned after Unicode 15.0 untouched, as ICU 72 does. Such a code point is, for ICU 72,
 * a starter that neither decomposes nor composes, so normalising the text between them piece by piece is exact.
 */
export function nfkc(text) {
  let result = '';
  let start = 0;
  let i = 0;
  for (const c of text) {
    const cp = c.codePointAt(0);
    if (isAssignedAfter15(cp)) {
      result += text.slice(start, i).normalize('NFKC') + c;
      start = i + c.length;
    }
    i += c.length;
  }
  return result + text.slice(start).normalize('NFKC');
}

// The Greek letters with ypogegrammeni: the full mapping gives two code points (ᾀ → ἈΙ), the simple one the title-case
// letter (ᾀ → ᾈ). They are the only code points whose simple mapping the full one does not give.
const YPOGEGRAMMENI = new Map([
  ...[0x1F80, 0x1F90, 0x1FA0].flatMap((base) => Array.from({ length: 8 }, (_, k) => [base + k, base + k + 8])),
  [0x1FB3, 0x1FBC], [0x1FC3, 0x1FCC], [0x1FF3, 0x1FFC],
]);

const DOTLESS_I = 0x0131;

/**
 * .NET's ToUpperInvariant of one code point: the simple, one-to-one mapping (so ß stays ß), U+0131 ı left as it is (a
 * choice of .NET), and, as with ICU 72, nothing done to or towards a code point assigned after Unicode 15.0.
 */
export function toUpperSimple(cp) {
  if (cp === DOTLESS_I || isAssignedAfter15(cp)) return cp;
  if (YPOGEGRAMMENI.has(cp)) return YPOGEGRAMMENI.get(cp);
  const upper = String.fromCodePoint(cp).toUpperCase();
  const target = upper.codePointAt(0);
  const single = upper.length === String.fromCodePoint(target).length;
  return single && !isAssignedAfter15(target) && !isUnassigned(target) ? target : cp;
}
