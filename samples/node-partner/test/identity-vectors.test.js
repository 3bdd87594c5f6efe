// Every test vector of docs/identity.md, parsed from the doc itself so this test cannot drift from it: the same rows
// the .NET SDK's IdentityVectorsTests check (every table row whose first cell is `kz-iin` or `name-dob`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { IdentityValidationError, Rules, SubjectIdentity } from '../src/identity/index.js';

const DOC = new URL('../../../docs/identity.md', import.meta.url);
const NONE = '—';

/** Splits a markdown table row on the pipes outside code spans. */
function cells(line) {
  const result = [];
  let current = '';
  let inCode = false;
  for (const c of line.trim().slice(1, -1)) {
    if (c === '`') inCode = !inCode;
    if (c === '|' && !inCode) {
      result.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  result.push(current.trim());
  return result;
}

const code = (cell) => {
  const match = /^`(.*)`$/.exec(cell);
  assert.ok(match, `not a code span: ${cell}`);
  return match[1];
};

function parseVectors(markdown) {
  return markdown.split('\n')
    .filter((line) => line.startsWith('| `kz-iin` |') || line.startsWith('| `name-dob` |'))
    .map((line) => {
      const [kind, input, birthDate, normalized, h1, rule, description] = cells(line);
      assert.equal(cells(line).length, 7, `a vector row has 7 cells: ${line}`);
      return {
        kind: code(kind),
        input: JSON.parse(code(input)),
        birthDate: birthDate || null,
        normalized: normalized === NONE ? null : JSON.parse(code(normalized)),
        h1: h1 === NONE ? null : code(h1),
        rule: rule ? code(rule) : null,
        description,
      };
    });
}

const vectors = parseVectors(readFileSync(DOC, 'utf8'));

function create(vector) {
  return vector.kind === 'kz-iin'
    ? SubjectIdentity.fromIin(vector.input)
    : SubjectIdentity.fromNameAndBirthDate(vector.input, vector.birthDate);
}

test('the doc has the vector table', () => {
  assert.ok(vectors.length >= 80, `only ${vectors.length} vectors parsed from docs/identity.md`);
  assert.ok(vectors.some((v) => v.kind === 'kz-iin') && vectors.some((v) => v.kind === 'name-dob'));
});

test('the vectors name every rule but NAME_TOO_LONG, and no rule that does not exist', () => {
  const named = new Set(vectors.filter((v) => v.rule).map((v) => v.rule));
  assert.deepEqual([...named].filter((r) => !Rules.ALL_RULES.includes(r)), []);
  assert.deepEqual(Rules.ALL_RULES.filter((r) => r !== Rules.NAME_TOO_LONG && !named.has(r)), []);
});

for (const [index, vector] of vectors.entries()) {
  test(`vector ${index + 1}: ${vector.kind} ${vector.description}`, () => {
    if (vector.rule) {
      assert.throws(() => create(vector), (error) => {
        assert.ok(error instanceof IdentityValidationError, `not a validation error: ${error}`);
        assert.equal(error.rule, vector.rule);
        return true;
      });
      return;
    }

    const identity = create(vector);

    assert.equal(identity.normalizedValue, vector.normalized);
    assert.equal(identity.h1.toString('hex'), vector.h1);
    assert.equal(identity.toString(), `${vector.kind}:***`);
  });
}
