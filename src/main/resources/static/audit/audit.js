// Stratum auditor view: plain JavaScript, no external resources. Every call carries the signed-in user's
// credentials in the Authorization header (held in memory only, gone on reload); credentials: 'omit' keeps the
// browser from showing its own login prompt on a 401. authorization() is the one place to change for bearer tokens
// (Keycloak SSO).
'use strict';

const state = { auth: null, user: null, lastSearch: null, instanceId: null };
const $ = (id) => document.getElementById(id);

function authorization() {
  return state.auth;
}

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(path, accept = 'application/json') {
  const res = await fetch(path, {
    credentials: 'omit',
    headers: { 'Authorization': authorization(), 'Accept': accept, 'X-Requested-With': 'XMLHttpRequest' }
  });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const problem = await res.json();
      detail = problem.detail || problem.title || detail;
    } catch (ignored) { /* not a problem document */ }
    throw new ApiError(res.status, detail);
  }
  return res;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function row(tbody, cells) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? '' : String(c);
    tr.appendChild(td);
  }
  tbody.appendChild(tr);
  return tr;
}

function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

function pct(v) {
  return v === null || v === undefined ? '–' : (v * 100).toFixed(1) + ' %';
}

function showError(target, e) {
  target.textContent = e.status === 403
    ? 'Your groups do not allow this: the audit view is for auditors and administrators.'
    : e.status === 401 ? 'Unknown user or wrong password.' : 'Error: ' + e.message;
  target.className = 'error';
  target.hidden = false;
}

// ---- sign-in ----

$('sign-in').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const user = $('user').value.trim();
  state.auth = 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + $('password').value)));
  $('sign-in-error').hidden = true;
  try {
    const processes = await (await api('/api/history/processes')).json();
    state.user = user;
    $('password').value = '';
    const select = $('process');
    select.length = 1;
    for (const p of processes) {
      const o = el('option', p.name ? p.name + ' (' + p.key + ')' : p.key);
      o.value = p.key;
      select.appendChild(o);
    }
    $('who').textContent = user;
    $('sign-out').hidden = false;
    $('sign-in-panel').hidden = true;
    $('app').hidden = false;
    loadModels();
  } catch (e) {
    state.auth = null;
    showError($('sign-in-error'), e);
  }
});

$('sign-out').addEventListener('click', () => {
  state.auth = null;
  state.user = null;
  location.reload();
});

async function loadModels() {
  try {
    const models = await (await api('/api/models')).json();
    const list = $('models');
    list.replaceChildren(...models.map((m) => { const o = el('option'); o.value = m.name; return o; }));
  } catch (ignored) { /* the model field stays free text */ }
}

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t === tab);
    for (const p of document.querySelectorAll('.panel')) p.hidden = p.id !== tab.dataset.tab;
  });
}

// ---- search ----

function searchQuery() {
  const q = new URLSearchParams();
  const put = (name, value) => { if (value && value.trim()) q.set(name, value.trim()); };
  put('process', $('process').value);
  put('businessKey', $('business-key').value);
  put('from', $('from').value);
  put('to', $('to').value);
  put('user', $('search-user').value);
  q.set('state', $('state').value);
  return q;
}

$('search-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const q = searchQuery();
  const status = $('search-status');
  status.className = 'status';
  status.textContent = 'Searching…';
  try {
    const instances = await (await api('/api/history/instances?' + q)).json();
    state.lastSearch = q;
    const tbody = $('results').tBodies[0];
    tbody.replaceChildren();
    for (const i of instances) {
      const link = el('a', i.id);
      link.href = '#' + i.id;
      link.className = 'instance-link';
      link.addEventListener('click', (e) => { e.preventDefault(); openInstance(i.id); });
      row(tbody, [link, (i.processDefinitionName || i.processDefinitionKey) + ' v' + i.processDefinitionVersion,
        i.businessKey, i.state, time(i.startTime), time(i.endTime), i.startUserId]);
    }
    status.textContent = instances.length + ' instance(s)';
  } catch (e) {
    showError(status, e);
  }
});

async function download(path, accept, filename) {
  const res = await api(path, accept);
  const blob = await res.blob();
  const a = el('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
}

function exportSearch(format) {
  const q = new URLSearchParams(state.lastSearch || searchQuery());
  q.set('format', format);
  download('/api/history/instances?' + q, format === 'csv' ? 'text/csv' : 'application/json',
    'process-instances.' + format).catch((e) => showError($('search-status'), e));
}

$('export-csv').addEventListener('click', () => exportSearch('csv'));
$('export-json').addEventListener('click', () => exportSearch('json'));

// ---- one instance ----

async function openInstance(id) {
  const status = $('search-status');
  try {
    const r = await (await api('/api/history/instances/' + encodeURIComponent(id))).json();
    state.instanceId = id;
    const i = r.instance;
    $('instance-title').textContent = (i.processDefinitionName || i.processDefinitionKey) + ' · ' + (i.businessKey || i.id);
    $('instance-summary').textContent = 'Instance ' + i.id + ', ' + i.state + ', started ' + time(i.startTime)
      + (i.endTime ? ', ended ' + time(i.endTime) : '') + (i.startUserId ? ' by ' + i.startUserId : '');
    renderCards(r.aiDecisions);
    const tl = $('timeline').tBodies[0];
    tl.replaceChildren();
    for (const e of r.timeline) {
      const tr = row(tl, [time(e.time), time(e.end), e.kind, e.element, e.name, e.actor, e.detail]);
      tr.className = 'event-' + e.kind;
      tr.lastChild.className = 'detail';
    }
    const inc = $('incidents').tBodies[0];
    inc.replaceChildren();
    for (const x of r.incidents) {
      row(inc, [time(x.created), time(x.ended), x.state, x.type, x.activityId, x.message]);
    }
    if (r.incidents.length === 0) row(inc, ['none', '', '', '', '', '']);
    $('instance').hidden = false;
    $('instance').scrollIntoView();
  } catch (e) {
    showError(status, e);
  }
}

function renderCards(decisions) {
  const cards = $('decision-cards');
  cards.replaceChildren();
  if (decisions.length === 0) cards.appendChild(el('p', 'No AI decisions in this instance.', 'status'));
  for (const d of decisions) {
    const card = el('div', null, 'decision-card' + (d.overridden ? ' overridden' : ''));
    const h = el('h4', d.model + ' v' + d.modelVersion + ' ');
    h.appendChild(el('span', d.finalizedAt ? (d.overridden ? 'overridden' : 'confirmed') : 'not reviewed',
      'badge' + (d.overridden ? '' : ' ok')));
    card.appendChild(h);
    const dl = el('dl');
    const item = (k, v, cls) => { dl.appendChild(el('dt', k)); dl.appendChild(el('dd', v, cls)); };
    item('Step', d.activityId);
    item('AI decided', d.output, 'ai-output');
    item('Confidence', d.confidence === null ? '–' : d.confidence.toFixed(3), 'confidence');
    item('Alternatives', d.alternatives || '–', 'alternatives');
    if (d.explanation) item('Explanation', d.explanation);
    item('Decided at', time(d.decidedAt));
    item('Final value', d.finalValue === null ? '–' : d.finalValue, 'final-value');
    item('By', d.finalActor || '–', 'final-actor');
    item('Reason', d.finalReason || '–', 'final-reason');
    if (d.finalizedAt) item('Reviewed at', time(d.finalizedAt));
    item('Input fingerprint', d.inputFingerprint);
    card.appendChild(dl);
    cards.appendChild(card);
  }
}

function exportInstance(format) {
  if (!state.instanceId) return;
  download('/api/history/instances/' + encodeURIComponent(state.instanceId) + '?format=' + format,
    format === 'csv' ? 'text/csv' : 'application/json', 'process-instance-' + state.instanceId + '.' + format)
    .catch((e) => showError($('instance-summary'), e));
}

$('instance-csv').addEventListener('click', () => exportInstance('csv'));
$('instance-json').addEventListener('click', () => exportInstance('json'));

// ---- bias ----

$('bias-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const q = new URLSearchParams({ model: $('bias-model').value.trim() });
  if ($('bias-version').value) q.set('version', $('bias-version').value);
  const summary = $('bias-summary');
  summary.className = 'status';
  try {
    const r = await (await api('/api/audit/bias?' + q)).json();
    const flagged = new Set(r.disparities.map((d) => d.key + '=' + d.segment));
    summary.textContent = r.model + ': ' + r.decisions + ' decisions, ' + r.reviewed + ' reviewed. '
      + (r.disparities.length
        ? 'FLAGGED: ' + r.disparities.map((d) => d.key + '=' + d.segment + ' ' + d.metric + ' ' + pct(d.rate)
          + ' vs ' + d.reference + ' ' + pct(d.referenceRate) + ' (ratio ' + d.ratio.toFixed(2) + ')').join('; ')
        : 'No disparity flagged (ratio ' + r.disparityRatio + ', at least ' + r.minSampleSize + ' per segment).');
    if (r.disparities.length) summary.className = 'error';
    const tbody = $('bias-table').tBodies[0];
    tbody.replaceChildren();
    for (const s of r.segments) {
      const rates = Object.entries(s.outcomeRates).map(([k, v]) => k + ' ' + pct(v)).join(', ');
      const tr = row(tbody, [s.key + ' = ' + s.value, s.decisions, rates, pct(s.favourableRate), s.reviewed,
        pct(s.overrideRate), pct(s.errorRate), (s.judged ? 'outcomes' : '') + (s.errorJudged ? ' errors' : '') || 'too few']);
      if (flagged.has(s.key + '=' + s.value)) tr.className = 'flagged';
    }
  } catch (e) {
    showError(summary, e);
  }
});
