import { readFileSync } from 'node:fs';
import AjvDraft4Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// ajv-draft-04 is CommonJS: its class is the module's `default`.
const AjvDraft4 = AjvDraft4Module.default;

/** The SARIF 2.1.0 schema as OASIS published it, shipped in @microsoft/jest-sarif (a devDependency for this alone). */
const schema = JSON.parse(readFileSync('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', 'utf8')) as object;

// The published schema has a pattern that is valid only without the u flag.
const ajv = new AjvDraft4({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const check = ajv.compile(schema);

/** What makes a log invalid SARIF 2.1.0: none when it is valid. */
export function sarifSchemaErrors(sarif: unknown): string[] {
  return check(sarif) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
