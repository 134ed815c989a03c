import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { starterConfig, starterDataMap, starterProfile } from '../init/starter-files.js';
import { surveyTemplates } from '../init/survey.js';
import { EXIT, type CliIo } from './io.js';

/** `creeplint init`: starter files from the templates; never overwrites without --force. */
export async function init(templates: string[], options: { force?: boolean }, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const chosen = templates.length > 0 ? templates : existsSync(resolve(cwd, 'templates')) ? ['templates'] : [];
  if (chosen.length === 0) {
    io.stderr('creeplint: name the templates to start from, e.g. creeplint init emails/\n');
    return EXIT.input;
  }
  const survey = await surveyTemplates(chosen, cwd);
  const files: [string, string][] = [
    ['creeplint.config.yaml', starterConfig(survey)],
    ['datamap.yaml', starterDataMap(survey)],
    ['profiles/example.json', starterProfile(survey)],
  ];
  const existing = files.filter(([file]) => existsSync(resolve(cwd, file))).map(([file]) => file);
  if (existing.length > 0 && !options.force) {
    io.stderr(`creeplint: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing written (use --force to overwrite)\n`);
    return EXIT.input;
  }
  await mkdir(resolve(cwd, 'profiles'), { recursive: true });
  for (const [file, text] of files) await writeFile(resolve(cwd, file), text);
  io.stdout(
    `Wrote creeplint.config.yaml, datamap.yaml (${survey.fields.length} field${survey.fields.length === 1 ? '' : 's'}) and profiles/example.json.\n` +
      'Every field in datamap.yaml is a guess from the words of its path, marked for review: sources default to the least\n' +
      'favourable plausible one and purposes to none, so the first check reports purpose mismatches until you decide.\n' +
      'Review each field, then run: creeplint check --profile profiles/example.json\n',
  );
  return EXIT.ok;
}
