// `npm start`: check the bundled example emails against the bundled fixtures and show
// the report. templates/creepy.hbs is deliberately creepy, so the check itself ends
// with exit code 1, as it would in CI; the demo reports that and exits 0. A usage or
// input error (exit 2) still fails the demo.
import { run } from '../dist/cli.js';

const args = ['check', 'templates', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/full-consent.json', ...process.argv.slice(2)];
process.stdout.write('templates/creepy.hbs is meant to fail: creeplint itself exits 1 on it, as it would in CI;\n');
process.stdout.write('this demo shows the report and exits 0.\n\n');
process.stdout.write(`$ creeplint ${args.join(' ')}\n\n`);
const code = await run(args);
process.exitCode = code === 2 ? 2 : 0;
