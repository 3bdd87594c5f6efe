// Reads one JSON string per line on stdin (a full name), writes one JSON object per line on stdout: {"normalized": …}
// or {"rule": …}. NodePartnerTests feeds it every code point of planes 0 and 1 and compares with the .NET SDK's
// NameNormalizer on the same machine.
import { createInterface } from 'node:readline';
import { tryNormalize } from '../src/identity/name-normalizer.js';

const out = [];
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.length === 0) continue;
  const result = tryNormalize(JSON.parse(line));
  out.push(JSON.stringify(result.error ? { rule: result.error.rule } : { normalized: result.normalized }));
}
process.stdout.write(out.length ? out.join('\n') + '\n' : '');
