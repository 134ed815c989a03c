// creeplint studio: edit a draft and watch how it lands for a recipient. Everything the
// page shows from a template or profile is text, or HTML the server escaped; emails are
// shown in sandboxed frames where no script runs. Nothing is sent anywhere but this server.

// Band limits and colours, severity order and looks, and how points are written: the
// server writes this module from the one the HTML and audit reports use.
import { BAND_LOOKS, SEVERITY_LOOKS, signedPoints } from '/score-scale.js';

const DEBOUNCE_MS = 300;
const SEVERITY = Object.fromEntries(SEVERITY_LOOKS.map((look) => [look.severity, look]));

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'creeplint-token';
const token = takeToken();
const state = { templateName: '', profiles: new Map(), pending: undefined, sequence: 0, checking: undefined, control: false };

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

async function api(path, init = {}) {
  const headers = { ...(init.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) throw new Error('open the studio at the address `creeplint serve` printed: it carries the token after #token=');
  const body = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
  if (!response.ok) throw new Error(body.error ?? `the server answered ${response.status}`);
  return body;
}

function status(text) {
  $('status').textContent = text;
}

function failed(error) {
  status(`Something went wrong: ${error.message}`);
}

function option(value, text) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}

const SAMPLE_PROFILE = { id: 'example', data: { first_name: 'Ada' }, consent: { marketing: { granted: true, at: '2026-01-01T00:00:00Z' } } };
const SAMPLE_DRAFT = '---\npurpose: marketing\nsubject: "{{first_name}}, something new"\n---\n<p>Hi {{first_name}},</p>\n';

async function start() {
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
    schedule();
  });
  $('draft').addEventListener('scroll', () => {
    $('line-numbers').scrollTop = $('draft').scrollTop;
  });
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

async function pickTemplate(name) {
  state.templateName = name;
  $('draft').value = name ? (await api(`/api/templates/${encodeURIComponent(name)}`)).source : SAMPLE_DRAFT;
  $('save').disabled = !name;
  $('save').textContent = name ? `Save to ${name}` : 'Save to file (pick a template first)';
  $('save-status').textContent = '';
  lineNumbers();
  schedule();
}

async function loadProfile(name) {
  if (!state.profiles.has(name)) state.profiles.set(name, (await api(`/api/profiles/${encodeURIComponent(name)}`)).profile);
  return state.profiles.get(name);
}

async function pickProfile(name) {
  if (name) $('profile-editor').value = JSON.stringify(await loadProfile(name), null, 2);
  schedule();
}

async function pickComparison(name) {
  if (name) await loadProfile(name);
  $('compare-pane').hidden = !name;
  document.querySelector('.panes').classList.toggle('comparing', Boolean(name));
  schedule();
}

/** Show or hide the draft's control twin beside it; shown, it follows the draft as the check does. */
function toggleControl() {
  state.control = !state.control;
  $('control-toggle').setAttribute('aria-pressed', String(state.control));
  $('control-pane').hidden = !state.control;
  document.querySelector('.panes').classList.toggle('controlling', state.control);
  if (state.control) schedule();
}

function lineNumbers() {
  const count = $('draft').value.split('\n').length;
  $('line-numbers').textContent = Array.from({ length: count }, (_, index) => index + 1).join('\n');
}

function schedule() {
  clearTimeout(state.pending);
  state.pending = setTimeout(() => check().catch(failed), DEBOUNCE_MS);
}

async function check() {
  let profile;
  try {
    profile = JSON.parse($('profile-editor').value);
    $('profile-error').textContent = '';
  } catch (error) {
    $('profile-error').textContent = `The profile is not valid JSON: ${error.message}`;
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
    const request = { template: $('draft').value || ' ', profiles };
    request.file = state.templateName || (request.template.includes('<mjml') ? 'draft.mjml' : 'draft.hbs');
    if (purpose) request.purposes = [purpose];
    // Unset, the server reads the language from the front matter (`language:`), then the file's extension.
    const language = $('language-select').value;
    if (language) request.language = language;
    const twin = state.control ? controlTwin({ template: request.template, file: request.file, profile, ...(language ? { language } : {}) }, checking.signal) : undefined;
    const answer = await api('/api/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request), signal: checking.signal });
    // An older answer arriving after a newer one is dropped.
    if (sequence !== state.sequence) return;
    if (twin) twin.then((shown) => sequence === state.sequence && shown());
    show(answer.views[0], $('main-view'), $('findings'), true);
    if (answer.views[1]) show(answer.views[1], $('compare-view'), $('compare-findings'), false);
    const result = answer.views[0].result;
    status(`Score ${result.score} of 100, ${result.band}: ${count(answer.views[0].result.findings)}.`);
  } catch (error) {
    if (sequence === state.sequence) status(`Could not check: ${error.message}`);
  }
}

/** Ask for the draft's control twin; resolves with a function that shows it (or why there is none). */
async function controlTwin(request, signal) {
  $('control-status').textContent = 'Making the twin…';
  try {
    const twin = await api('/api/control', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request), signal });
    return () => showTwin(twin);
  } catch (error) {
    return () => {
      $('control-status').className = 'control-status human';
      $('control-status').textContent = `No twin: ${error.message}`;
      $('control-view').replaceChildren();
      $('control-notes').replaceChildren();
      $('control-source').value = '';
    };
  }
}

function showTwin(twin) {
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

const NOTE_LABELS = { replaced: 'Replaced', removed: 'Removed', inlined: 'Inlined', purpose: 'Purpose', 'needs-human': '▲ Needs a person' };

function noteItem(note) {
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

function count(findings) {
  const errors = findings.filter((finding) => finding.severity === 'error' && !finding.suppressed).length;
  const warnings = findings.filter((finding) => finding.severity === 'warning' && !finding.suppressed).length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function show(view, container, list, main) {
  const { result } = view;
  container.replaceChildren(verdict(result), inbox(view), preview(view, result, main));
  list.replaceChildren();
  const findings = [...result.findings].sort((a, b) => rank(b.severity) - rank(a.severity) || b.points - a.points);
  if (findings.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = 'No findings: nothing here should surprise this recipient.';
    list.append(empty);
  }
  for (const finding of findings) list.append(findingItem(finding, container));
}

/** Higher for worse, in the order the reports list severities. */
function rank(severity) {
  const index = SEVERITY_LOOKS.findIndex((look) => look.severity === severity);
  return index === -1 ? 0 : SEVERITY_LOOKS.length - index;
}

function verdict(result) {
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

function gauge(score, band) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 120 66');
  svg.setAttribute('width', '130');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Score ${score} of 100: ${band}`);
  const point = (value) => {
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

function inbox(view) {
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

function preview(view, result, main) {
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

function findingItem(finding, container) {
  const item = document.createElement('li');
  item.className = `sev-${finding.severity}`;
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
  where.textContent = `line ${finding.line} · ${finding.ruleId}${finding.suppressed ? ' · suppressed' : ''}`;
  const why = document.createElement('span');
  why.className = 'why';
  why.textContent = finding.why;
  const suggestion = document.createElement('span');
  suggestion.className = 'try';
  const bold = document.createElement('b');
  bold.textContent = 'Try: ';
  suggestion.append(bold, finding.suggestion);
  button.append(label, message, where, why, suggestion);
  button.title = 'Go to this line in the draft, and to the value in the preview';
  button.addEventListener('click', () => jumpTo(finding, container));
  item.append(button);
  return item;
}

/** Select a line of a text box (1-based) and scroll to it. */
function selectLine(box, wanted) {
  const lines = box.value.split('\n');
  const line = Math.min(Math.max(wanted, 1), lines.length);
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  box.focus();
  box.setSelectionRange(start, start + (lines[line - 1] ?? '').length);
  const lineHeight = parseFloat(getComputedStyle(box).lineHeight) || 18;
  box.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

/** To the finding's line in the draft (selected), and its value in the preview (scrolled to, outlined). */
function jumpTo(finding, container) {
  selectLine($('draft'), finding.line);
  const frame = container.querySelector('iframe');
  const document_ = frame?.contentDocument;
  if (!document_ || !finding.field) return;
  for (const mark of document_.querySelectorAll('mark.creeplint-current')) mark.classList.remove('creeplint-current');
  const mark = [...document_.querySelectorAll('mark.creeplint-token')].find((candidate) => (candidate.dataset.field ?? '').split(' ').includes(finding.field));
  if (mark) {
    mark.scrollIntoView({ block: 'center' });
    mark.classList.add('creeplint-current');
  }
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
    $('save-status').textContent = `Not saved: ${error.message}`;
  }
}

start().catch((error) => status(`The studio could not start: ${error.message}`));
