// What the vector table of docs/identity.md cannot hold: the length bounds, the hasher's own input checks, and the
// Unicode data this port carries instead of Node's (src/identity/unicode.js).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { NameNormalizer, Rules, SubjectIdentity, computeH1 } from '../src/identity/index.js';
import { isUnassigned } from '../src/identity/unicode.js';

const ruleOf = (result) => result.error?.rule ?? null;

test('a normalised name of 300 code units passes, 301 is NAME_TOO_LONG', () => {
  assert.equal(NameNormalizer.tryNormalize('Ж'.repeat(300)).normalized, 'Ж'.repeat(300));
  assert.equal(ruleOf(NameNormalizer.tryNormalize('Ж'.repeat(301))), Rules.NAME_TOO_LONG);
});

test('input over 1,000 code units is NAME_TOO_LONG unread, 1,000 is read', () => {
  assert.equal(ruleOf(NameNormalizer.tryNormalize('Ж' + ' '.repeat(999))), null);
  assert.equal(ruleOf(NameNormalizer.tryNormalize('Ж' + ' '.repeat(1000))), Rules.NAME_TOO_LONG);
});

test('a validation message shows the position and code point, never the name', () => {
  const { error } = NameNormalizer.tryNormalize('Сапаров\u0378 Ерлан');

  assert.match(error.message, /character 8 is U\+0378/);
  assert.doesNotMatch(error.message, /Сапаров|Ерлан/);
  assert.equal(error.paramName, 'fullName');
});

test('computeH1 hashes the documented bytes', () => {
  const expected = createHash('sha256').update(Buffer.from('registry/identity/v1\x00kz-iin\x00900521389141', 'utf8')).digest('hex');

  assert.equal(computeH1('kz-iin', '900521389141').toString('hex'), expected);
  assert.equal(expected, '46174225a5d1a7969c623b4a447641d356b8b1713a751e7f61a0e3e609440d0a');
});

test('computeH1 refuses U+0000 and unpaired surrogates instead of hashing an ambiguous input', () => {
  assert.throws(() => computeH1('kz-iin', '9005\u00002138'), RangeError);
  assert.throws(() => computeH1('kz\u0000iin', '900521389141'), RangeError);
  assert.throws(() => computeH1('name-dob', 'A\uD800'), RangeError);
});

test('the IIN date bound is tomorrow, UTC, on the injected clock', () => {
  const now = () => new Date('2001-07-08T12:00:00Z');

  assert.equal(SubjectIdentity.fromIin('010709540523', { now }).kindName, 'kz-iin'); // born 2001-07-09: tomorrow
  assert.throws(() => SubjectIdentity.fromIin('010709540523', { now: () => new Date('2001-07-07T23:59:59Z') }),
    (e) => e.rule === Rules.IIN_DATE_FUTURE);
});

test("Node's Unicode data knows every code point Unicode 16.0 assigns (else its letters and NFKC would differ)", () => {
  const nodeUnassigned = /^\p{Cn}$/u;
  const unknown = [];
  for (let cp = 0; cp <= 0x10FFFF; cp++) {
    if ((cp < 0xD800 || cp > 0xDFFF) && nodeUnassigned.test(String.fromCodePoint(cp)) && !isUnassigned(cp)) unknown.push(cp);
  }

  assert.deepEqual(unknown.slice(0, 10).map((cp) => cp.toString(16)), [], `Node ${process.versions.node}, Unicode ${process.versions.unicode}`);
});

test('characters assigned after Unicode 15.0 are left as the reference SDK on ICU 72 leaves them', () => {
  // ƛ: Unicode 16.0 gave it the upper-case U+A7DC; U+1C8A Cyrillic small tje: new in 16.0; U+A7D3 double thorn: its
  // upper case is new in 17.0. The outlined Latin capital U+1CCD6 folds to 'A' under NFKC in 16.0 but is a symbol
  // (dropped) for ICU 72.
  assert.equal(NameNormalizer.normalize('Aƛ\u1C8A\uA7D3B'), 'Aƛ\u1C8A\uA7D3B');
  assert.equal(NameNormalizer.normalize('Ким \u{1CCD6}'), 'КИМ');
  // The segments around such a character are still normalised: е + U+0308 composes to ё, then Е.
  assert.equal(NameNormalizer.normalize('Се\u0308мин\u1C8A'), 'СЕМИН\u1C8A');
});
