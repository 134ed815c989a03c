import { describe, expect, it } from 'vitest';
import { run } from '../src/cli.js';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false });
  return { code, stdout, stderr };
}

describe('creeplint render', () => {
  it('writes the email as the recipient gets it, free of markers', async () => {
    const result = await cli('render', 'templates/order-confirmation.hbs', '--profile', 'fixtures/profiles/full-consent.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<p>Hi Layla,</p>');
    expect(result.stdout).toContain('<tr><td>1 × Trail running shoes</td><td>£72.00</td></tr>');
    expect(result.stdout).not.toMatch(/[\uF8E0-\uF8F2]/u);
  });

  it('compiles MJML to HTML', async () => {
    const result = await cli('render', 'templates/newsletter.mjml', '--profile', 'fixtures/profiles/full-consent.json');
    expect(result.stdout).toMatch(/^<!doctype html>/iu);
    expect(result.stdout).toContain('<title>This month at Northern Trails</title>');
  });

  it('--highlight marks each personal value, coloured by its worst finding', async () => {
    const result = await cli('render', 'templates/browse-abandon.hbs', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/full-consent.json', '--highlight');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /<bdi><mark class="creeplint-token creeplint-warning" tabindex="0" data-field="last_viewed_product" data-severity="warning">Waterproof trail jacket<span class="creeplint-tip" role="tooltip" dir="ltr" lang="en">/u,
    );
    expect(result.stdout).toContain('data-field="first_name" data-severity="ok">Layla<');
  });

  it('needs a profile, and exits 2 for a template that does not parse', async () => {
    expect((await cli('render', 'templates/order-confirmation.hbs')).code).toBe(2);
    const broken = await cli('render', 'test/fixtures/broken.hbs', '--profile', 'fixtures/profiles/full-consent.json');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe('test/fixtures/broken.hbs: the email could not be rendered: 3:1 unexpected end of file; expected {{else}}, a closing {{/block}}\n');
  });
});
