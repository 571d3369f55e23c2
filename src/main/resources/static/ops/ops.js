// Stratum operations dashboard: reads /api/insight/** (and /api/audit/bias when the server has it) and draws with
// ECharts. Authentication is the server's business: requests go to the same origin with the browser's credentials
// (HTTP Basic today, a session cookie under single sign-on), so this file needs no login code.
'use strict';

const charts = {};
const state = {refreshSeconds: 30, timer: null, processes: null};

function chart(id) {
  if (!charts[id]) {
    charts[id] = echarts.init(document.getElementById(id), null, {renderer: 'canvas'});
    window.addEventListener('resize', () => charts[id].resize());
  }
  return charts[id];
}

async function api(path) {
  // against the bare origin: a page opened as http://user:password@host/ops/ would otherwise hand its credentials to
  // fetch, which refuses URLs that carry them (the browser's auth cache answers the server's challenge instead)
  const res = await fetch(new URL(path, window.location.origin),
    {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = (await res.json()).detail || detail; } catch (e) { /* not JSON */ }
    const error = new Error(res.status + ' ' + detail);
    error.status = res.status;
    throw error;
  }
  return res.json();
}

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 1) return Math.round(seconds * 1000) + ' ms';
  if (seconds < 120) return (Math.round(seconds * 10) / 10) + ' s';
  if (seconds < 7200) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return (Math.round(seconds / 360) / 10) + ' h';
  return (Math.round(seconds / 8640) / 10) + ' d';
}

function fmtPercent(rate) {
  return rate === null || rate === undefined ? '–' : (Math.round(rate * 1000) / 10) + ' %';
}

function fmtTime(iso, bucketSeconds) {
  const d = new Date(iso);
  const pad = n => String(n).padStart(2, '0');
  const day = pad(d.getDate()) + '.' + pad(d.getMonth() + 1) + '.';
  const time = pad(d.getHours()) + ':' + pad(d.getMinutes());
  return bucketSeconds >= 86400 ? day : (bucketSeconds >= 21600 ? day + ' ' + time : time);
}

function rows(tableId, items, cells) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren();
  if (items.length === 0) {
    const tr = body.insertRow();
    const td = tr.insertCell();
    td.colSpan = document.querySelectorAll('#' + tableId + ' thead th').length;
    td.className = 'muted';
    td.textContent = 'none';
    return;
  }
  for (const item of items) {
    const tr = body.insertRow();
    for (const cell of cells(item)) {
      const td = tr.insertCell();
      if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell;
    }
  }
}

function flag(value) {
  const span = document.createElement('span');
  span.className = 'flag ' + value;
  span.textContent = value;
  return span;
}

function renderProcesses(data) {
  state.processes = data;
  const procs = data.processes;
  text('kpi-completed', procs.reduce((n, p) => n + p.completed, 0));
  text('kpi-started', procs.reduce((n, p) => n + p.started, 0));
  text('kpi-running', procs.reduce((n, p) => n + p.running, 0));
  const labels = procs.length ? procs[0].buckets.map(b => fmtTime(b.start, data.bucketSeconds)) : [];
  // processes with nothing in the window and nothing running stay in the table, not in the chart
  const active = procs.filter(p => p.started || p.completed || p.running);
  chart('chart-throughput').setOption({
    tooltip: {trigger: 'axis'},
    legend: {top: 0},
    grid: {left: 10, right: 20, top: 40, bottom: 10, containLabel: true},
    xAxis: {type: 'category', data: labels},
    yAxis: {type: 'value', name: 'instances', minInterval: 1},
    series: active.flatMap(p => [
      {name: p.name + ' completed', type: 'bar', stack: 'completed', data: p.buckets.map(b => b.completed)},
      {name: p.name + ' started', type: 'line', data: p.buckets.map(b => b.started)}
    ])
  }, true);

  const select = document.getElementById('cycle-process');
  const chosen = select.value;
  select.replaceChildren(...procs.map(p => new Option(p.name, p.key)));
  const busiest = procs.slice().sort((a, b) => b.completed - a.completed)[0];
  select.value = procs.some(p => p.key === chosen) ? chosen : (busiest ? busiest.key : '');
  renderCycle();

  rows('table-processes', procs, p => [p.name, p.started, p.completed, p.running, fmtDuration(p.cycleTime.p50),
    fmtDuration(p.cycleTime.p90), fmtDuration(p.cycleTime.p99)]);
}

function renderCycle() {
  const data = state.processes;
  const key = document.getElementById('cycle-process').value;
  const p = data && data.processes.find(x => x.key === key);
  if (!p) return;
  chart('chart-cycle').setOption({
    tooltip: {trigger: 'axis', valueFormatter: fmtDuration},
    legend: {top: 0},
    grid: {left: 10, right: 20, top: 40, bottom: 10, containLabel: true},
    xAxis: {type: 'category', data: p.buckets.map(b => fmtTime(b.start, data.bucketSeconds))},
    yAxis: {type: 'value', name: 'cycle time', axisLabel: {formatter: fmtDuration}},
    series: ['p50', 'p90', 'p99'].map(q => ({name: q, type: 'line', connectNulls: false,
      data: p.buckets.map(b => b[q])}))
  }, true);
}

function renderWork(data) {
  text('kpi-open-tasks', data.openTasks);
  text('kpi-sla-breaches', data.slaBreaches);
  text('kpi-incidents', data.openIncidents);
  const tasks = data.tasks.slice(0, 10);
  chart('chart-tasks').setOption({
    tooltip: {trigger: 'axis'},
    legend: {top: 0},
    grid: {left: 10, right: 20, top: 40, bottom: 10, containLabel: true},
    xAxis: {type: 'value', minInterval: 1},
    yAxis: {type: 'category', inverse: true, data: tasks.map(t => t.taskName)},
    series: [
      {name: 'open', type: 'bar', data: tasks.map(t => t.open)},
      {name: 'overdue', type: 'bar', data: tasks.map(t => t.overdue)}
    ]
  }, true);
  rows('table-tasks', data.tasks, t => [t.process, t.taskName, t.open, t.overdue, fmtDuration(t.oldestSeconds)]);
  rows('table-breaches', data.breaches, b => [b.process, b.activityName, b.count,
    b.last ? new Date(b.last).toLocaleString() : '–']);
}

function renderBottlenecks(data) {
  const top = data.activities;
  chart('chart-bottlenecks').setOption({
    tooltip: {trigger: 'axis', valueFormatter: fmtDuration},
    legend: {top: 0},
    grid: {left: 10, right: 20, top: 40, bottom: 10, containLabel: true},
    xAxis: {type: 'value', axisLabel: {formatter: fmtDuration}},
    yAxis: {type: 'category', inverse: true, data: top.map(a => a.activityName + ' (' + a.count + ')')},
    series: [
      {name: 'total time', type: 'bar', data: top.map(a => a.totalSeconds)},
      {name: 'p90', type: 'bar', data: top.map(a => a.duration.p90)}
    ]
  }, true);
}

function renderModels(data) {
  const reviewed = data.models.reduce((n, m) => n + m.reviewed, 0);
  const overridden = data.models.reduce((n, m) => n + m.overridden, 0);
  text('kpi-override-rate', reviewed ? fmtPercent(overridden / reviewed) : '–');
  const versions = data.models.flatMap(m => m.versions.map(v => ({label: m.model + ' v' + v.version, v})));
  chart('chart-models').setOption({
    tooltip: {trigger: 'axis', valueFormatter: fmtPercent},
    legend: {top: 0},
    grid: {left: 10, right: 20, top: 40, bottom: 10, containLabel: true},
    xAxis: {type: 'category', data: versions.map(x => x.label), axisLabel: {interval: 0, rotate: 20}},
    yAxis: {type: 'value', min: 0, max: 1, axisLabel: {formatter: v => Math.round(v * 100) + ' %'}},
    series: [
      {name: 'override rate', type: 'bar', data: versions.map(x => x.v.overrideRate)},
      {name: 'accuracy on reviewed', type: 'bar', data: versions.map(x => x.v.accuracyOnReviewed)}
    ]
  }, true);
  rows('table-drift', data.models, m => [m.model, m.championVersion ?? '–',
    m.psi === null ? '–' : m.psi.toFixed(3), m.recentItems, m.error ? flag('insufficient-data') : flag(m.drift),
    m.thresholdInForce + ' / ' + (m.derivedThreshold ?? '–')]);
}

// Bias flags come from the auditors' bias check (GET /api/audit/bias?model=, the four-fifths rule per segment) when
// this server has it; its "disparities" are the flags.
async function renderBias(models) {
  const target = document.getElementById('bias');
  const list = document.createElement('ul');
  for (const m of models.models) {
    let report;
    try {
      report = await api('/api/audit/bias?model=' + encodeURIComponent(m.model));
    } catch (error) {
      const reason = error.status === 404 ? 'this server has no bias check'
        : error.status === 403 ? 'bias flags are visible to auditors' : 'not available (' + error.message + ')';
      target.replaceChildren(Object.assign(document.createElement('span'), {className: 'muted', textContent: reason}));
      return;
    }
    const disparities = report.disparities || [];
    const li = document.createElement('li');
    li.dataset.model = m.model;
    if (disparities.length === 0) {
      li.append(flag('ok'), ' ' + m.model + ': no disparity flagged (' + report.decisions + ' decisions)');
    } else {
      li.append(flag('alert'), ' ' + m.model + ': ' + disparities.map(d => d.key + '=' + d.segment + ' ' + d.metric
        + ' ' + fmtPercent(d.rate) + ' vs ' + d.reference + ' ' + fmtPercent(d.referenceRate)).join('; '));
    }
    list.appendChild(li);
  }
  target.replaceChildren(list);
}

async function refresh() {
  const w = encodeURIComponent(document.getElementById('window').value);
  const parts = [
    api('/api/insight/processes?window=' + w).then(renderProcesses),
    api('/api/insight/work?window=' + w).then(renderWork),
    api('/api/insight/bottlenecks?window=' + w).then(renderBottlenecks),
    api('/api/insight/models').then(models => { renderModels(models); return renderBias(models); })
  ];
  const results = await Promise.allSettled(parts);
  const failed = results.filter(r => r.status === 'rejected');
  const status = document.getElementById('status');
  status.className = failed.length ? 'error' : 'muted';
  status.textContent = failed.length ? 'some figures failed: ' + failed.map(r => r.reason.message).join('; ')
    : 'updated ' + new Date().toLocaleTimeString();
  document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
}

function schedule() {
  clearInterval(state.timer);
  if (document.getElementById('auto-refresh').checked) {
    state.timer = setInterval(refresh, state.refreshSeconds * 1000);
  }
}

async function start() {
  try {
    const settings = await api('/api/insight');
    state.refreshSeconds = settings.refreshSeconds;
    text('refresh-seconds', settings.refreshSeconds);
  } catch (e) {
    text('status', 'settings unavailable: ' + e.message);
  }
  document.getElementById('window').addEventListener('change', refresh);
  document.getElementById('cycle-process').addEventListener('change', renderCycle);
  document.getElementById('auto-refresh').addEventListener('change', schedule);
  await refresh();
  schedule();
}

start();
