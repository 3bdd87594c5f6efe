// The partner flow against a running service: grant consent → check → revoke consent → check again, which the service
// refuses (reason read from the rich error details). Exits 0 when every step gives what it should, 1 otherwise.
//   REGISTRY_SERVER=http://localhost:5080 REGISTRY_API_KEY=<partner key> npm start
import { randomUUID } from 'node:crypto';
import { SubjectIdentity } from './identity/index.js';
import { createClients } from './registry-client.js';
import { decodeRichError, describe } from './rich-error.js';

// A demo IIN that passes the checksum (the README's quickstart uses it too). Real apps take it from the user's form.
const DEMO_IIN = '900521389141';
const PURPOSE = 'PURPOSE_DATING_SAFETY';
const REFUSED_AFTER_REVOKE = { code: 'PERMISSION_DENIED', reason: 'CONSENT_REVOKED' };

class UnexpectedResult extends Error {}

async function run(out) {
  const server = process.env.REGISTRY_SERVER;
  const apiKey = process.env.REGISTRY_API_KEY;
  if (!server || !apiKey) {
    throw new UnexpectedResult('Set REGISTRY_SERVER (e.g. http://localhost:5080) and REGISTRY_API_KEY (a partner key).');
  }

  // Hashed here: the raw IIN never leaves this process. h1 is personal data too, so it is never printed.
  const subject = SubjectIdentity.fromIin(DEMO_IIN);
  let registry;
  try {
    registry = createClients(server, apiKey);
  } catch (error) {
    throw new UnexpectedResult(error.message);
  }
  try {
    const granted = await registry.grantConsent({
      h1: subject.h1,
      purpose: PURPOSE,
      scope: 'CONSENT_SCOPE_SUMMARY',
      max_uses: 2, // two checks allowed, so the refusal after the revoke is the revocation, not a used-up consent
      evidence: {
        kind: 'EVIDENCE_KIND_SMS_OTP',
        reference: 'otp-7731', // the app's own reference to the SMS code the subject typed in
        captured_at: timestamp(new Date()),
      },
      request_id: randomUUID(),
    });
    out(`granted consent ${granted.consent_id} (max uses ${granted.max_uses}, audit receipt ${granted.audit_entry_id})`);

    const first = await registry.check(checkRequest(granted.consent_id, subject));
    if (first.outcome !== 'CHECK_OUTCOME_NO_RECORD' && first.outcome !== 'CHECK_OUTCOME_RECORD_FOUND') {
      throw new UnexpectedResult(`check: unexpected outcome ${first.outcome}`);
    }
    out(`check: ${first.outcome.replace('CHECK_OUTCOME_', '')} (${wording(first)}; uses remaining ${first.consent_uses_remaining}, audit receipt ${first.audit_entry_id})`);

    const revoked = await registry.revokeConsent({ consent_id: granted.consent_id, request_id: randomUUID() });
    out(`revoked consent ${granted.consent_id} (audit receipt ${revoked.audit_entry_id})`);

    try {
      const second = await registry.check(checkRequest(granted.consent_id, subject));
      throw new UnexpectedResult(`check after revoke: answered ${second.outcome}, expected a refusal`);
    } catch (error) {
      if (!isGrpcError(error)) throw error;
      const rich = decodeRichError(error);
      const { code, reason } = REFUSED_AFTER_REVOKE;
      if (rich.code !== code || rich.errorInfo?.reason !== reason) {
        throw new UnexpectedResult(`check after revoke: refused with ${describe(rich)}, expected ${code} ${reason}`);
      }
      out(`check after revoke: refused, ${describe(rich)}`);
    }
  } finally {
    registry.close();
  }
}

const isGrpcError = (error) => typeof error?.code === 'number' && error.metadata !== undefined;

const checkRequest = (consentId, subject) => ({ consent_id: consentId, h1: subject.h1, purpose: PURPOSE, request_id: randomUUID() });

function timestamp(date) {
  const ms = date.getTime();
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

// NO_RECORD means "no record in this registry", never "safe": the registry holds only what courts reported to it.
function wording(response) {
  if (response.outcome === 'CHECK_OUTCOME_NO_RECORD') return 'no record in this registry; this does not mean the person is safe';
  const categories = (response.summary?.categories ?? []).map((c) => `${c.category.replace('RECORD_CATEGORY_', '')} x${c.count}`);
  return `a record was found${categories.length ? `: ${categories.join(', ')}` : ''}; in Kazakhstan the 111 hotline and crisis centres can help`;
}

try {
  await run((line) => console.log(line));
} catch (error) {
  if (error instanceof UnexpectedResult) {
    console.error(`node-partner: ${error.message}`);
  } else if (isGrpcError(error)) {
    console.error(`node-partner: a call failed: ${describe(decodeRichError(error))}`);
  } else {
    console.error(`node-partner: ${error.stack ?? error}`);
  }
  process.exitCode = 1;
}
