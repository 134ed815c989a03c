// @ts-check
// creeplint studio: edit a draft and watch how it lands for a recipient. Everything the
// page shows from a template or profile is text, or HTML the server escaped; emails are
// shown in sandboxed frames where no script runs. Nothing is sent anywhere but this server.

// Band limits and colours, severity order and looks, and how points are written: the
// server writes this module from the one the HTML and audit reports use.
import { BAND_LOOKS, SEVERITY_LOOKS, signedPoints } from '/score-scale.js';

/**
 * What the server answers, as far as this page reads it (the studio's routes in src/server, schema/openapi.json).
 * @typedef {{ ruleId: string, severity: string, message: string, why: string, suggestion: string, points: number,
 *   file: string, line: number, column: number, endLine: number, endColumn: number, field?: string, suppressed?: boolean }} Finding
 * @typedef {{ score: number, band: string, profile?: string, purposes: string[], findings: Finding[] }} Result
 * @typedef {{ subject?: string, preheader?: string, direction?: string, language?: string }} InboxLines
 * @typedef {InboxLines & { result: Result, preview?: string }} View
 * @typedef {{ kind: string, line: number, message: string }} TwinNote
 * @typedef {{ needsHuman: number[], source: string, notes: TwinNote[], preview?: InboxLines & { score: number, band: string, document?: string } }} Twin
 * @typedef {{ template: string, profiles: unknown[], file?: string, purposes?: string[], language?: string }} PreviewRequest
 * @typedef {{ severity: string, start: [number, number], end: [number, number], message: string }} DraftMark
 */

const DEBOUNCE_MS = 300;
const SEVERITY = Object.fromEntries(SEVERITY_LOOKS.map((look) => [look.severity, look]));

/**
 * The elements of index.html this script reads a value from or sets one on, by id.
 * @typedef {{
 *   draft: HTMLTextAreaElement, 'profile-editor': HTMLTextAreaElement, 'partial-source': HTMLTextAreaElement, 'control-source': HTMLTextAreaElement,
 *   'template-select': HTMLSelectElement, 'compare-select': HTMLSelectElement, 'profile-select': HTMLSelectElement,
 *   'purpose-select': HTMLSelectElement, 'language-select': HTMLSelectElement,
 *   save: HTMLButtonElement, 'control-toggle': HTMLButtonElement, 'partial-close': HTMLButtonElement,
 * }} FormElements
 */
/** @template {string} Id @typedef {Id extends keyof FormElements ? FormElements[Id] : HTMLElement} ElementById */

/**
 * An element of the page by its id: index.html has every one this script names.
 * @template {string} Id
 * @param {Id} id
 * @returns {ElementById<Id>}
 */
const $ = (id) => /** @type {ElementById<Id>} */ (document.getElementById(id));
const TOKEN_KEY = 'creeplint-token';
const token = takeToken();
const state = {
  templateName: '',
  /** @type {Map<string, unknown>} */
  profiles: new Map(),
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  pending: undefined,
  sequence: 0,
  /** @type {AbortController | undefined} */
  checking: undefined,
  control: false,
  /** The file the draft's findings name (the template's name, or `draft.hbs`): findings elsewhere are in a partial. */
  draftFile: 'draft.hbs',
  /** The main view's findings in the draft, as ranges to underline. @type {DraftMark[]} */
  marks: [],
};

/**
 * The server's token arrives in the address's fragment (`#token=…`), which the browser
 * never sends to a server or a log. It is kept for this tab only, so a reload still works,
 * and taken out of the address bar, so it is not bookmarked, shared or left in history.
 */
function takeToken() {
  const given = new URLSearchParams(location.hash.slice(1)).get('token');
  let storage;
  try {
    storage = globalThis.sessionStorage;
  } catch {
    storage = undefined;
  }
  if (given) {
    storage?.setItem(TOKEN_KEY, given);
    globalThis.history.replaceState(null, '', `${location.pathname}${location.search}`);
    return given;
  }
  return storage?.getItem(TOKEN_KEY) ?? null;
}

/**
 * A JSON answer of the server's API; each caller reads it as the typedefs above say.
 * @param {string} path
 * @param {RequestInit & { headers?: Record<string, string> }} [init]
 * @returns {Promise<any>}
 */
async function api(path, init = {}) {
  const headers = { ...(init.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) throw new Error('open the studio at the address `creeplint serve` printed: it carries the token after #token=');
  const body = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
  if (!response.ok) throw new Error(body.error ?? `the server answered ${response.status}`);
  return body;
}

/**
 * Set a message only when it changes: a live region re-announces whatever is written to
 * it, so the same problem is said once, not on every keystroke.
 */
function say(/** @type {HTMLElement} */ element, /** @type {string} */ text) {
  if (element.textContent !== text) element.textContent = text;
}

function status(/** @type {string} */ text) {
  say($('status'), text);
}

/** What went wrong, in words: an Error's message (every one this page meets is an Error). */
function messageOf(/** @type {unknown} */ error) {
  return error instanceof Error ? error.message : String(error);
}

function failed(/** @type {unknown} */ error) {
  status(`Something went wrong: ${messageOf(error)}`);
}

function option(/** @type {string} */ value, /** @type {string} */ text) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}

const SAMPLE_PROFILE = { id: 'example', data: { first_name: 'Ada' }, consent: { marketing: { granted: true, at: '2026-01-01T00:00:00Z' } } };
const SAMPLE_DRAFT = '---\npurpose: marketing\nsubject: "{{first_name}}, something new"\n---\n<p>Hi {{first_name}},</p>\n';

async function start() {
  /** @type {{ templates: string[], profiles: string[], purposes: { name: string, basis: string }[] }} */
  const project = await api('/api/project');
  for (const name of project.templates) $('template-select').append(option(name, name));
  for (const name of project.profiles) {
    $('profile-select').append(option(name, name));
    $('compare-select').append(option(name, name));
  }
  if (project.profiles.length === 0) $('profile-select').append(option('', 'Example recipient (edit below)'));
  for (const purpose of project.purposes) $('purpose-select').append(option(purpose.name, `${purpose.name} (${purpose.basis})`));

  $('template-select').addEventListener('change', () => pickTemplate($('template-select').value).catch(failed));
  $('profile-select').addEventListener('change', () => pickProfile($('profile-select').value).catch(failed));
  $('compare-select').addEventListener('change', () => pickComparison($('compare-select').value).catch(failed));
  $('purpose-select').addEventListener('change', schedule);
  $('language-select').addEventListener('change', schedule);
  $('draft').addEventListener('input', () => {
    lineNumbers();
    drawMarks();
    schedule();
  });
  $('draft').addEventListener('scroll', followScroll);
  $('partial-close').addEventListener('click', closePartial);
  $('profile-editor').addEventListener('input', schedule);
  $('save').addEventListener('click', () => save().catch(failed));
  $('control-toggle').addEventListener('click', toggleControl);

  if (project.profiles.length > 0) await pickProfile(project.profiles[0]);
  else $('profile-editor').value = JSON.stringify(SAMPLE_PROFILE, null, 2);
  if (project.templates.length > 0) {
    $('template-select').value = project.templates[0];
    await pickTemplate(project.templates[0]);
  } else {
    await pickTemplate('');
  }
}

async function pickTemplate(/** @type {string} */ name) {
  state.templateName = name;
  $('draft').value = name ? (await api(`/api/templates/${encodeURIComponent(name)}`)).source : SAMPLE_DRAFT;
  $('save').disabled = !name;
  $('save').textContent = name ? `Save to ${name}` : 'Save to file (pick a template first)';
  $('save-status').textContent = '';
  state.marks = [];
  lineNumbers();
  drawMarks();
  closePartial();
  schedule();
}

async function loadProfile(/** @type {string} */ name) {
  if (!state.profiles.has(name)) state.profiles.set(name, (await api(`/api/profiles/${encodeURIComponent(name)}`)).profile);
  return state.profiles.get(name);
}

async function pickProfile(/** @type {string} */ name) {
  if (name) $('profile-editor').value = JSON.stringify(await loadProfile(name), null, 2);
  schedule();
}

async function pickComparison(/** @type {string} */ name) {
  if (name) await loadProfile(name);
  $('compare-pane').hidden = !name;
  panes().classList.toggle('comparing', Boolean(name));
  schedule();
}

/** Show or hide the draft's control twin beside it; shown, it follows the draft as the check does. */
function toggleControl() {
  state.control = !state.control;
  $('control-toggle').setAttribute('aria-pressed', String(state.control));
  $('control-pane').hidden = !state.control;
  panes().classList.toggle('controlling', state.control);
  if (state.control) schedule();
}

/** The panes' container: index.html has it. */
function panes() {
  return /** @type {HTMLElement} */ (document.querySelector('.panes'));
}

function lineNumbers() {
  const count = $('draft').value.split('\n').length;
  $('line-numbers').textContent = Array.from({ length: count }, (_, index) => index + 1).join('\n');
}

function schedule() {
  clearTimeout(state.pending);
  state.pending = setTimeout(() => check().catch(failed), DEBOUNCE_MS);
}

/** Keep the draft's underlines and line numbers under the text as it scrolls. */
function followScroll() {
  $('line-numbers').scrollTop = $('draft').scrollTop;
  $('draft-marks').scrollTop = $('draft').scrollTop;
  $('draft-marks').scrollLeft = $('draft').scrollLeft;
}

async function check() {
  let profile;
  try {
    profile = JSON.parse($('profile-editor').value);
    say($('profile-error'), '');
    say($('profile-error-detail'), '');
  } catch (error) {
    // The alert says that the profile is broken, once; where it is broken changes with every key, so it is not announced.
    say($('profile-error'), 'The recipient profile is not valid JSON: the score and preview are out of date until it is.');
    say($('profile-error-detail'), messageOf(error));
    state.sequence += 1;
    state.checking?.abort();
    markStale('the recipient profile is not valid JSON. The score, preview and findings are for the last profile that could be read.');
    return;
  }
  const sequence = ++state.sequence;
  // A newer draft supersedes the check still running: the server drops a check whose request is cancelled.
  state.checking?.abort();
  const checking = new globalThis.AbortController();
  state.checking = checking;
  status('Checking…');
  try {
    const comparison = $('compare-select').value;
    const profiles = [profile];
    if (comparison) profiles.push(await loadProfile(comparison));
    const purpose = $('purpose-select').value;
    /** @type {PreviewRequest & { file: string }} */
    const request = { template: $('draft').value || ' ', profiles, file: '' };
    request.file = state.templateName || (request.template.includes('<mjml') ? 'draft.mjml' : 'draft.hbs');
    state.draftFile = request.file;
    if (purpose) request.purposes = [purpose];
    // Unset, the server reads the language from the front matter (`language:`), then the file's extension.
    const language = $('language-select').value;
    if (language) request.language = language;
    const twin = state.control ? controlTwin({ template: request.template, file: request.file, profile, ...(language ? { language } : {}) }, checking.signal) : undefined;
    /** @type {{ views: View[] }} */
    const answer = await api('/api/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request), signal: checking.signal });
    // An older answer arriving after a newer one is dropped.
    if (sequence !== state.sequence) return;
    if (twin) twin.then((shown) => sequence === state.sequence && shown());
    const main = answer.views[0];
    const brokenAt = frontMatterProblemLine(main.result.findings, request);
    // Without its front matter the draft has no purpose or subject: its score would be an answer to another email.
    const current = brokenAt === undefined;
    if (current || $('main-view').childElementCount === 0) showVerdict(main, $('main-view'), true);
    showFindings(main, $('findings'), $('main-view'));
    state.marks = draftMarks(main.result.findings);
    drawMarks();
    if (answer.views[1] && (current || $('compare-view').childElementCount === 0)) showVerdict(answer.views[1], $('compare-view'), false);
    if (answer.views[1]) showFindings(answer.views[1], $('compare-findings'), $('compare-view'));
    if (current) {
      clearStale();
      status(`Score ${main.result.score} of 100, ${main.result.band}: ${count(main.result.findings)}.`);
    } else {
      markStale(
        `the front matter (the YAML between the --- lines at the top) has an error on line ${brokenAt}; see the findings. The score and preview are for the last draft whose front matter could be read.`,
        { findings: false },
      );
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') return;
    if (sequence === state.sequence) markStale(`the draft could not be checked: ${messageOf(error)}`);
  }
}

/** The line of a parse error inside the draft's front matter (its `---` lines included), or undefined when the front matter reads. */
function frontMatterProblemLine(/** @type {Finding[]} */ findings, /** @type {{ template: string, file: string }} */ request) {
  const lines = request.template.replace(/^\uFEFF/u, '').split('\n');
  if (lines[0]?.replace(/\r$/u, '') !== '---') return undefined;
  const closing = lines.findIndex((line, index) => index > 0 && line.replace(/\r$/u, '') === '---');
  if (closing === -1) return undefined;
  const problem = findings.find((finding) => finding.ruleId === 'parse-error' && finding.file === request.file && finding.line <= closing + 1);
  return problem?.line;
}

/**
 * Say, visibly and to assistive technology, that the score and preview shown are not the
 * answer for the draft and profile as they are now (and why), rather than let the last
 * answer pass for the current one. The findings stay current when they could be checked.
 */
function markStale(/** @type {string} */ reason, { findings = true } = {}) {
  const notice = $('stale-notice');
  notice.hidden = false;
  say(notice, `Out of date: ${reason}`);
  for (const view of [$('main-view'), $('compare-view')]) {
    view.classList.add('stale');
    view.setAttribute('aria-describedby', 'stale-notice');
    const gauge = view.querySelector('svg[role="img"]');
    if (gauge && !(gauge.getAttribute('aria-label') ?? '').endsWith('(out of date)')) gauge.setAttribute('aria-label', `${gauge.getAttribute('aria-label')} (out of date)`);
    const verdict = view.querySelector('.verdict > div');
    if (verdict && !verdict.querySelector('.stale-badge')) {
      const badge = document.createElement('span');
      badge.className = 'stale-badge';
      badge.textContent = 'Out of date';
      verdict.querySelector('.score')?.after(badge);
    }
  }
  for (const list of [$('findings'), $('compare-findings')]) list.classList.toggle('stale', findings);
  status(`Out of date: ${reason.split('.')[0]}.`);
}

function clearStale() {
  $('stale-notice').hidden = true;
  say($('stale-notice'), '');
  for (const view of [$('main-view'), $('compare-view')]) {
    view.classList.remove('stale');
    view.removeAttribute('aria-describedby');
  }
  for (const list of [$('findings'), $('compare-findings')]) list.classList.remove('stale');
}

/** Ask for the draft's control twin; resolves with a function that shows it (or why there is none). */
async function controlTwin(/** @type {{ template: string, file: string, profile: unknown, language?: string }} */ request, /** @type {AbortSignal} */ signal) {
  $('control-status').textContent = 'Making the twin…';
  try {
    /** @type {Twin} */
    const twin = await api('/api/control', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request), signal });
    return () => showTwin(twin);
  } catch (error) {
    return () => {
      $('control-status').className = 'control-status human';
      $('control-status').textContent = `No twin: ${messageOf(error)}`;
      $('control-view').replaceChildren();
      $('control-notes').replaceChildren();
      $('control-source').value = '';
    };
  }
}

function showTwin(/** @type {Twin} */ twin) {
  const ready = twin.needsHuman.length === 0;
  $('control-status').className = `control-status ${ready ? 'ready' : 'human'}`;
  $('control-status').textContent = ready
    ? 'Ready for review: helpful with no error.'
    : `${twin.needsHuman.length === 1 ? 'Line' : 'Lines'} ${twin.needsHuman.join(', ')} of the twin ${twin.needsHuman.length === 1 ? 'needs' : 'need'} a person.`;
  $('control-source').value = twin.source;
  const view = [];
  if (twin.preview) {
    const score = document.createElement('p');
    score.className = 'twin-score';
    score.textContent = `The twin for this recipient: score ${twin.preview.score} of 100, ${twin.preview.band}`;
    view.push(score, inbox(twin.preview));
    if (twin.preview.document === undefined) {
      const note = document.createElement('p');
      note.textContent = 'The twin could not be rendered for this recipient.';
      view.push(note);
    } else {
      const frame = document.createElement('iframe');
      frame.className = 'preview';
      frame.id = 'control-preview';
      frame.title = 'The control twin as the recipient sees it';
      // No allow-scripts: nothing in the email runs.
      frame.setAttribute('sandbox', '');
      frame.srcdoc = twin.preview.document;
      view.push(frame);
    }
  }
  $('control-view').replaceChildren(...view);
  $('control-notes').replaceChildren(...twin.notes.map(noteItem));
  if (twin.notes.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = 'Nothing personal: the twin is the draft as it is.';
    $('control-notes').append(empty);
  }
}

/** @type {Record<string, string>} */
const NOTE_LABELS = { replaced: 'Replaced', removed: 'Removed', inlined: 'Inlined', purpose: 'Purpose', 'needs-human': '▲ Needs a person' };

function noteItem(/** @type {TwinNote} */ note) {
  const item = document.createElement('li');
  item.className = `note-${note.kind}`;
  const button = document.createElement('button');
  button.type = 'button';
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = NOTE_LABELS[note.kind] ?? note.kind;
  const text = document.createElement('span');
  text.textContent = ` line ${note.line}: ${note.message}`;
  button.append(label, text);
  button.title = 'Go to this line in the twin source';
  button.addEventListener('click', () => selectLine($('control-source'), note.line));
  item.append(button);
  return item;
}

function count(/** @type {Finding[]} */ findings) {
  const errors = findings.filter((finding) => finding.severity === 'error' && !finding.suppressed).length;
  const warnings = findings.filter((finding) => finding.severity === 'warning' && !finding.suppressed).length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function showVerdict(/** @type {View} */ view, /** @type {HTMLElement} */ container, /** @type {boolean} */ main) {
  const { result } = view;
  container.replaceChildren(verdict(result), inbox(view), preview(view, result, main));
}

/** A finding's identity across checks of a changing draft: what it is about, not where (lines move as the writer types). */
function findingKey(/** @type {Finding} */ finding) {
  return [finding.ruleId, finding.file, finding.field ?? '', finding.message].join('\u0000');
}

/**
 * List the findings. When one of them had the keyboard, the same finding (or the one now
 * in its place) gets it back: a list redrawn on every keystroke must not throw the
 * keyboard back to the top of the page.
 */
function showFindings(/** @type {View} */ view, /** @type {HTMLElement} */ list, /** @type {HTMLElement} */ container) {
  const focused = document.activeElement?.closest('li') ?? null;
  const hadFocus = focused !== null && focused.parentElement === list;
  const focusedKey = hadFocus ? focused.dataset.key : undefined;
  const focusedIndex = hadFocus ? [...list.children].indexOf(focused) : -1;
  const findings = [...view.result.findings].sort((a, b) => rank(b.severity) - rank(a.severity) || b.points - a.points);
  const items = findings.map((finding) => findingItem(finding, container));
  if (findings.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = 'No findings: nothing here should surprise this recipient.';
    items.push(empty);
  }
  list.replaceChildren(...items);
  if (!hadFocus) return;
  const again = items.find((item) => item.dataset.key === focusedKey) ?? items[Math.min(focusedIndex, items.length - 1)];
  (again?.querySelector('button') ?? again)?.focus({ preventScroll: true });
}

/** Higher for worse, in the order the reports list severities. */
function rank(/** @type {string} */ severity) {
  const index = SEVERITY_LOOKS.findIndex((look) => look.severity === severity);
  return index === -1 ? 0 : SEVERITY_LOOKS.length - index;
}

function verdict(/** @type {Result} */ result) {
  const box = document.createElement('div');
  box.className = 'verdict';
  box.append(gauge(result.score, result.band));
  const text = document.createElement('div');
  const score = document.createElement('div');
  score.className = 'score';
  score.textContent = String(result.score);
  const band = document.createElement('div');
  band.className = `band band-${result.band}`;
  band.textContent = result.band;
  const counts = document.createElement('div');
  counts.className = 'counts';
  counts.textContent = `${result.profile ?? 'no recipient'} · ${result.purposes.join(', ') || 'no purpose'} · ${count(result.findings)}`;
  text.append(score, band, counts);
  box.append(text);
  return box;
}

function gauge(/** @type {number} */ score, /** @type {string} */ band) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 120 66');
  svg.setAttribute('width', '130');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Score ${score} of 100: ${band}`);
  const point = (/** @type {number} */ value) => {
    const angle = Math.PI * (1 - value / 100);
    return `${(60 + 48 * Math.cos(angle)).toFixed(1)} ${(60 - 48 * Math.sin(angle)).toFixed(1)}`;
  };
  for (const { from, to, colour } of BAND_LOOKS) {
    const arc = document.createElementNS(ns, 'path');
    arc.setAttribute('d', `M ${point(from)} A 48 48 0 0 1 ${point(to)}`);
    arc.setAttribute('stroke', colour);
    arc.setAttribute('stroke-width', '12');
    arc.setAttribute('fill', 'none');
    svg.append(arc);
  }
  const needle = document.createElementNS(ns, 'path');
  needle.setAttribute('d', `M 60 60 L ${point(score)}`);
  needle.setAttribute('stroke', '#111827');
  needle.setAttribute('stroke-width', '3');
  needle.setAttribute('stroke-linecap', 'round');
  svg.append(needle);
  return svg;
}

function inbox(/** @type {InboxLines} */ view) {
  const box = document.createElement('div');
  box.className = 'inbox';
  box.setAttribute('aria-label', 'Inbox row');
  const subject = document.createElement('div');
  subject.className = 'subject';
  // The server escaped every value; these lines hold only its highlight markup.
  subject.innerHTML = view.subject ?? '<i>(no subject)</i>';
  const preheader = document.createElement('div');
  preheader.className = 'preheader';
  preheader.innerHTML = view.preheader ?? '';
  // A right-to-left email's inbox row runs right to left too; its values are isolated (<bdi>) by the server.
  if (view.direction === 'rtl') {
    for (const line of [subject, preheader]) {
      line.dir = 'rtl';
      if (view.language) line.lang = view.language;
    }
  }
  box.append(subject, preheader);
  return box;
}

function preview(/** @type {View} */ view, /** @type {Result} */ result, /** @type {boolean} */ main) {
  if (view.preview === undefined) {
    const note = document.createElement('p');
    note.textContent = 'This email could not be rendered; see the findings.';
    return note;
  }
  const frame = document.createElement('iframe');
  frame.className = 'preview';
  frame.title = `The email as ${result.profile ?? 'the recipient'} sees it`;
  // No allow-scripts: nothing in the email runs. Same origin only so this page can scroll to a value.
  frame.setAttribute('sandbox', 'allow-same-origin');
  frame.srcdoc = view.preview;
  if (main) frame.id = 'preview';
  return frame;
}

function findingItem(/** @type {Finding} */ finding, /** @type {HTMLElement} */ container) {
  const item = document.createElement('li');
  item.className = `sev-${finding.severity}`;
  item.dataset.key = findingKey(finding);
  const button = document.createElement('button');
  button.type = 'button';
  const severity = SEVERITY[finding.severity] ?? { icon: '•', label: finding.severity };
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = `${severity.icon} ${severity.label}`;
  const message = document.createElement('span');
  message.textContent = `${finding.message} (${signedPoints(finding.points)})`;
  const where = document.createElement('span');
  where.className = 'where';
  const file = finding.file === state.draftFile ? '' : `${finding.file} `;
  where.textContent = `${file}line ${finding.line} · ${finding.ruleId}${finding.suppressed ? ' · suppressed' : ''}`;
  const why = document.createElement('span');
  why.className = 'why';
  why.textContent = finding.why;
  const suggestion = document.createElement('span');
  suggestion.className = 'try';
  const bold = document.createElement('b');
  bold.textContent = 'Try: ';
  suggestion.append(bold, finding.suggestion);
  button.append(label, message, where, why, suggestion);
  button.title =
    finding.file === state.draftFile
      ? 'Go to this line in the draft, and to what it is about in the preview'
      : `Open ${finding.file} at this line, and go to what it is about in the preview`;
  button.addEventListener('click', () => jumpTo(finding, container).catch(failed));
  item.append(button);
  return item;
}

/** Select a line of a text box (1-based) and scroll to it. */
function selectLine(/** @type {HTMLTextAreaElement} */ box, /** @type {number} */ wanted) {
  const lines = box.value.split('\n');
  const line = Math.min(Math.max(wanted, 1), lines.length);
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  box.focus();
  box.setSelectionRange(start, start + (lines[line - 1] ?? '').length);
  const lineHeight = parseFloat(getComputedStyle(box).lineHeight) || 18;
  box.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

/**
 * To the finding's line (selected): in the draft, or in the partial it is in, opened
 * beside the draft; and to what it is about in the preview, a value or a phrase
 * (scrolled to, outlined).
 */
async function jumpTo(/** @type {Finding} */ finding, /** @type {HTMLElement} */ container) {
  if (finding.file === state.draftFile) {
    closePartial();
    selectLine($('draft'), finding.line);
  } else {
    await openPartial(finding.file, finding.line);
  }
  const frame = container.querySelector('iframe');
  const document_ = frame?.contentDocument;
  if (!document_) return;
  for (const mark of document_.querySelectorAll('mark.creeplint-current')) mark.classList.remove('creeplint-current');
  const at = `${finding.file}:${finding.line}:${finding.column}`;
  const mark = finding.field
    ? [...marksIn(document_, 'mark.creeplint-token')].find((candidate) => (candidate.dataset['field'] ?? '').split(' ').includes(finding.field ?? ''))
    : [...marksIn(document_, 'mark.creeplint-phrase')].find((candidate) => candidate.dataset['at'] === at);
  if (mark) {
    mark.scrollIntoView({ block: 'center' });
    mark.classList.add('creeplint-current');
  }
}

/** The preview's <mark> elements a selector picks. */
function marksIn(/** @type {Document} */ document_, /** @type {string} */ selector) {
  return /** @type {NodeListOf<HTMLElement>} */ (document_.querySelectorAll(selector));
}

/** Show a partial's source (read only) with the finding's line selected. */
async function openPartial(/** @type {string} */ file, /** @type {number} */ line) {
  /** @type {{ source: string }} */
  const { source } = await api(`/api/partials/${encodeURIComponent(file)}`);
  $('partial-name').textContent = file;
  $('partial-source').value = source;
  $('partial-pane').hidden = false;
  selectLine($('partial-source'), line);
}

function closePartial() {
  $('partial-pane').hidden = true;
  $('partial-source').value = '';
}

/** The findings that point at a stretch of the draft (not at the email as a whole), to underline there. */
function draftMarks(/** @type {Finding[]} */ findings) {
  return findings
    .filter((finding) => finding.file === state.draftFile && !finding.suppressed && (finding.endLine > finding.line || finding.endColumn > finding.column))
    .map(
      (finding) =>
        /** @type {DraftMark} */ ({ severity: finding.severity, start: [finding.line, finding.column], end: [finding.endLine, finding.endColumn], message: finding.message }),
    );
}

/** Offset in the text of a 1-based line and column (columns count UTF-16 units, as the server's do). */
function offsetOf(/** @type {number[]} */ lineStarts, /** @type {[number, number]} */ [line, column], /** @type {number} */ length) {
  const start = lineStarts[line - 1];
  return start === undefined ? length : Math.min(start + column - 1, length);
}

/**
 * Underline the findings' ranges under the draft: a copy of its text, transparent, with
 * each range in a <mark>. Worst severity wins where ranges overlap. Built from text nodes:
 * nothing of the draft is read as HTML.
 */
function drawMarks() {
  const text = $('draft').value;
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const ranges = state.marks
    .map((mark) => ({ ...mark, from: offsetOf(lineStarts, mark.start, text.length), to: offsetOf(lineStarts, mark.end, text.length) }))
    .filter((range) => range.to > range.from)
    .sort((a, b) => a.from - b.from || rank(b.severity) - rank(a.severity));
  /** @type {Node[]} */
  const nodes = [];
  let at = 0;
  for (const range of ranges) {
    if (range.from < at) continue;
    nodes.push(document.createTextNode(text.slice(at, range.from)));
    const mark = document.createElement('mark');
    mark.className = `squiggle-${range.severity}`;
    mark.dataset.severity = range.severity;
    mark.textContent = text.slice(range.from, range.to);
    nodes.push(mark);
    at = range.to;
  }
  // A final line break keeps the copy as tall as the text box when the draft ends with one.
  nodes.push(document.createTextNode(`${text.slice(at)}\n`));
  $('draft-marks').replaceChildren(...nodes);
  followScroll();
}

async function save() {
  if (!state.templateName) return;
  $('save-status').textContent = 'Saving…';
  try {
    const answer = await api(`/api/templates/${encodeURIComponent(state.templateName)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: $('draft').value }),
    });
    $('save-status').textContent = `Saved ${answer.name}.`;
  } catch (error) {
    $('save-status').textContent = `Not saved: ${messageOf(error)}`;
  }
}

start().catch((/** @type {unknown} */ error) => status(`The studio could not start: ${messageOf(error)}`));
