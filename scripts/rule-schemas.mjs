/**
 * What is generated from the rules' meta (ESLint's `meta.schema`, markdownlint's generated
 * schema): the `rules` section of schema/config.schema.json, and the "Options" block of each
 * docs/rules/<id>.md. Pure functions of the rules and the files' text, so the tests can
 * compare the committed files with what the rules in src/ would generate.
 */

export const OPTIONS_BEGIN = "<!-- begin options: generated from the rule's meta.options by scripts/generate-schemas.mjs -->";
export const OPTIONS_END = '<!-- end options -->';

const LEVEL = { $ref: '#/definitions/level' };

/** A rule's setting: its level, or [level, options] with options valid against `options`. */
const setting = (options) => ({ oneOf: [LEVEL, { type: 'array', minItems: 2, maxItems: 2, items: [LEVEL, options] }] });

/** The setting of a rule that takes no options: its options are an empty object, so any option given is an error. */
const WITHOUT_OPTIONS = 'ruleWithoutOptions';

/** The `rules` section: each rule's level, or [level, options] valid against the rule's own schema. */
export function rulesSection(rules) {
  const sorted = [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  return {
    type: 'object',
    description: 'Rule levels, and options for rules that take them: a level (off, info, warning, error), or [level, options].',
    propertyNames: { enum: sorted.map((rule) => rule.meta.id) },
    properties: Object.fromEntries(
      sorted.map((rule) => [
        rule.meta.id,
        {
          description: `${rule.meta.description}. Default: ${rule.meta.defaultSeverity}.`,
          ...(rule.meta.options ? setting(rule.meta.options) : { $ref: `#/definitions/${WITHOUT_OPTIONS}` }),
        },
      ]),
    ),
  };
}

/** schema/config.schema.json with its `rules` section (and the definition it refers to) generated, everything else as written. */
export function configSchemaText(schemaText, rules) {
  const schema = JSON.parse(schemaText);
  schema.properties.rules = rulesSection(rules);
  schema.definitions = { ...schema.definitions, [WITHOUT_OPTIONS]: setting({ type: 'object', additionalProperties: false, properties: {} }) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** What an option takes, in words: "number from 0 to 1", "one of `a`, `b`". */
function kindOf(option) {
  if (option.enum) return `one of ${option.enum.map((value) => `\`${value}\``).join(', ')}`;
  const { minimum, maximum } = option;
  if (minimum !== undefined && maximum !== undefined) return `${option.type} from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return `${option.type}, at least ${minimum}`;
  if (maximum !== undefined) return `${option.type}, at most ${maximum}`;
  return option.type;
}

/** The Options block of a rule's doc. */
export function optionsBlock(rule) {
  const { id } = rule.meta;
  const options = Object.entries(rule.meta.options?.properties ?? {});
  if (options.length === 0) {
    return `None. Set its level only (\`${id}: off\`, \`info\`, \`warning\` or \`error\`); an option given to it is an error in the configuration.`;
  }
  const rows = options.map(([name, option]) => `| \`${name}\` | ${kindOf(option)} | \`${JSON.stringify(option.default)}\` | ${option.description} |`);
  const example = options.map(([name, option]) => `${name}: ${JSON.stringify(option.default)}`).join(', ');
  return [
    '| option | value | default | what it does |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '```yaml',
    '# creeplint.config.yaml',
    'rules:',
    `  ${id}: [${rule.meta.defaultSeverity}, { ${example} }]`,
    '```',
    '',
    'Any other option is an error, at its line in the configuration.',
  ].join('\n');
}

/**
 * A rule's doc with its Options block generated: between the markers when they are there,
 * else placed right under the "## Options" heading. Text after the block stays as written.
 */
export function docWithOptions(doc, rule) {
  const block = `${OPTIONS_BEGIN}\n${optionsBlock(rule)}\n${OPTIONS_END}`;
  const begin = doc.indexOf(OPTIONS_BEGIN);
  const end = doc.indexOf(OPTIONS_END);
  if (begin !== -1 && end > begin) return `${doc.slice(0, begin)}${block}${doc.slice(end + OPTIONS_END.length)}`;
  const heading = '## Options\n\n';
  const at = doc.indexOf(heading);
  if (at === -1) throw new Error(`docs/rules/${rule.meta.id}.md has no "## Options" section`);
  const after = at + heading.length;
  return `${doc.slice(0, after)}${block}\n\n${doc.slice(after).replace(/^\n+/u, '')}`;
}
