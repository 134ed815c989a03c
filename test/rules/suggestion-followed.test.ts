import { describe, expect, it } from 'vitest';
import { check } from '../support.js';

const M = '---\npurpose: marketing\n---\n';
const SURVEILLANCE_SOURCE = '(Kim, Barasz & John (2019), Why Am I Seeing This Ad?, J. Consumer Research 45(5))';

async function suggestions(text: string, ruleId: string): Promise<string[]> {
  const result = await check(text);
  return result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.suggestion);
}

describe('a suggestion the draft already follows is not offered again', () => {
  it('offers words for a watching phrase while the draft does not say them', async () => {
    expect(await suggestions(`${M}<p>We noticed you liked boots.</p>`, 'no-surveillance-phrasing')).toEqual([
      `Keep the offer and drop the watching, for example "Picked for you". ${SURVEILLANCE_SOURCE}`,
    ]);
  });

  it('keeps the advice but not the words once the draft says them, in any case and spacing', async () => {
    expect(await suggestions(`${M}<h1>Picked   for YOU</h1>\n<p>We noticed you liked boots.</p>`, 'no-surveillance-phrasing')).toEqual([
      `Keep the offer and drop the watching. ${SURVEILLANCE_SOURCE}`,
    ]);
  });

  it('does the same for a phrase that implies a sensitive category', async () => {
    const offered = await suggestions(`${M}<p>Because you are pregnant, a gift.</p>`, 'no-sensitive-implication');
    expect(offered).toEqual([
      'Write for everyone, for example "Offers for every stage of life". (Duhigg (2012), How Companies Learn Your Secrets, New York Times Magazine; GDPR Art. 9)',
    ]);
    const followed = await suggestions(`${M}<h1>Offers for every stage of life</h1><p>Because you are pregnant, a gift.</p>`, 'no-sensitive-implication');
    expect(followed).toEqual(['Write for everyone. (Duhigg (2012), How Companies Learn Your Secrets, New York Times Magazine; GDPR Art. 9)']);
  });
});
