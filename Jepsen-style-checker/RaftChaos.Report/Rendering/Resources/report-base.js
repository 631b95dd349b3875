// Data and formatting shared by every part of the report. The data block is written by ReportDataWriter.
'use strict';
const T0 = performance.now();
const D = JSON.parse(document.getElementById('report-data').textContent);
const OPS = D.ops;
const OUTCOMES = ['ok', 'fail', 'info'];
const OUTCOME_COLOURS = { ok: '#2a9d5c', fail: '#d64545', info: '#e69b00' };
const F_COLOURS = ['#3b6fd8', '#8e44ad', '#16a085', '#d35400', '#2c3e50', '#c0392b', '#7f8c8d'];
const FAULT_COLOURS = { partition: '#7b61ff', kill: '#e74c3c', pause: '#f39c12', clock: '#16a085', netem: '#2e86c1', disk: '#a04000' };
const SCALE = D.summary.duration >= 2e9 ? [1e9, 's'] : D.summary.duration >= 2e6 ? [1e6, 'ms'] : D.summary.duration >= 2e3 ? [1e3, 'µs'] : [1, 'ns'];

// Counterexample membership: op id -> {kind: 'prefix'|'blocked', pos, reason}.
const CX = new Map();
for (const c of D.counterexamples) {
  for (const s of c.prefix) CX.set(s.op, { kind: 'prefix', pos: s.pos, state: s.state });
  for (const b of c.blocked) CX.set(b.op, { kind: 'blocked', reason: b.reason });
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function esc(s) { return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }
function num(n) { return n.toLocaleString('en-US'); }
function json(v) { return v === undefined ? '' : JSON.stringify(v); }

// A point in time on the run's clock, in the report's unit.
function fmtTime(ns) {
  const v = ns / SCALE[0];
  return (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 10 ? v.toFixed(2) : v.toFixed(3)) + ' ' + SCALE[1];
}
// A duration, in the unit that suits it.
function fmtDur(ns) {
  if (ns === null || ns === undefined) return '—';
  const a = Math.abs(ns);
  const [d, u] = a >= 1e9 ? [1e9, 's'] : a >= 1e6 ? [1e6, 'ms'] : a >= 1e3 ? [1e3, 'µs'] : [1, 'ns'];
  const v = ns / d;
  return (d === 1 ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)) + ' ' + u;
}
function fColour(f) { const i = D.fs.indexOf(f); return F_COLOURS[(i < 0 ? 0 : i) % F_COLOURS.length]; }
function faultColour(kind) { return FAULT_COLOURS[kind] || (kind.includes('clock') ? FAULT_COLOURS.clock : kind.includes('partition') ? FAULT_COLOURS.partition : '#6b7280'); }

// One colour per reason code, by its place in D.errors; marks fail and info bars with a stripe, not a fill.
const REASON_COLOURS = ['#6d28d9', '#0e7490', '#be185d', '#4d7c0f', '#1e3a8a', '#9a3412', '#0f766e', '#a21caf', '#374151', '#b45309', '#15803d', '#7f1d1d'];
function reasonColour(e) { return REASON_COLOURS[D.errors.findIndex(x => x[0] === e[0]) % REASON_COLOURS.length]; }
// Operation id -> plain object.
function op(id) {
  return {
    id, idx: OPS.idx[id], p: OPS.p[id], f: D.fs[OPS.f[id]], key: D.keys[OPS.k[id]].label, v: OPS.v[id], r: OPS.r[id],
    o: OUTCOMES[OPS.o[id]], t0: OPS.t0[id], t1: OPS.t1[id] < 0 ? null : OPS.t1[id], node: OPS.n[id] < 0 ? null : D.nodes[OPS.n[id]],
    e: OPS.e[id] < 0 ? null : D.errors[OPS.e[id]], endNode: OPS.ne[id] < 0 ? null : D.nodes[OPS.ne[id]],
    from: OPS.rf[id] < 0 ? null : D.nodes[OPS.rf[id]],
  };
}
// A short label for a bar: "w 3", "r → 4", "cas 1→2".
function shortLabel(o) {
  const short = { read: 'r', write: 'w', get: 'get', put: 'put', append: 'app', cas: 'cas' }[o.f] || o.f;
  if (o.f === 'read' || o.f === 'get') return short + (o.o === 'ok' ? ' ' + clip(json(o.r)) : ' ?');
  if (o.f === 'cas' && Array.isArray(o.v)) return 'cas ' + clip(json(o.v[0])) + '→' + clip(json(o.v[1]));
  return short + ' ' + clip(json(o.v));
}
// Long values are cut in labels; the tooltip shows them whole.
function clip(text, max = 24) { return text.length > max ? text.slice(0, max - 1) + '…' : text; }
function opHtml(o) {
  const cx = CX.get(o.id);
  const rows = [
    ['op', `${esc(o.f)} <span class="mono">${esc(json(o.v))}</span>`],
    ['key', esc(o.key)],
    ['outcome', `<span style="color:${OUTCOME_COLOURS[o.o]}">${o.o}</span>` + (o.o === 'ok' ? ` → <span class="mono">${esc(json(o.r))}</span>` : o.t1 === null ? ' (never completed)' : '')],
    ['process', 'p' + o.p + (o.node ? ' · node ' + esc(o.node) : '')],
  ];
  if (o.e) rows.push(['reason', `<span class="mono" data-reason="${esc(o.e[0])}">${esc(o.e[0])}</span>` + (o.e[1] ? ': ' + esc(o.e[1]) : '')]);
  if (o.endNode) rows.push(['ended on', 'node ' + esc(o.endNode) + (o.node && o.endNode !== o.node ? ` (not the process's node ${esc(o.node)})` : '')]);
  if (o.from) rows.push(['redirect', 'redirected from ' + esc(o.from)]);
  rows.push(
    ['invoke', fmtTime(o.t0)],
    ['complete', o.t1 === null ? '—' : fmtTime(o.t1) + ' (latency ' + fmtDur(o.t1 - o.t0) + ')'],
    ['history', 'event index ' + o.idx + ' (operation ' + o.id + ')']);
  if (cx) rows.push(['check', cx.kind === 'prefix' ? `linearized as step #${cx.pos}; state after: <span class="mono">${esc(cx.state)}</span>` : `<b>cannot follow the prefix</b>: ${esc(cx.reason)}`]);
  return rows.map(([k, v]) => `<div><b>${k}</b> ${v}</div>`).join('');
}

// Tooltip on hover and a pinned detail panel on click, for every element with data-op or data-ref.
function wireDetails() {
  const tip = document.getElementById('tooltip');
  const details = document.getElementById('details');
  const idOf = t => {
    const e = t.closest && t.closest('[data-op],[data-ref]');
    if (!e) return null;
    return e.hasAttribute('data-ref') ? Number(e.getAttribute('data-ref')) : Number(e.getAttribute('data-id'));
  };
  document.addEventListener('mouseover', ev => {
    const id = idOf(ev.target);
    if (id === null || Number.isNaN(id)) { tip.hidden = true; return; }
    tip.innerHTML = opHtml(op(id));
    tip.hidden = false;
  });
  document.addEventListener('mousemove', ev => {
    if (tip.hidden) return;
    const x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    const y = ev.clientY + 16 + tip.offsetHeight > window.innerHeight ? ev.clientY - tip.offsetHeight - 10 : ev.clientY + 16;
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  });
  document.addEventListener('click', ev => {
    const id = idOf(ev.target);
    if (id === null || Number.isNaN(id)) return;
    details.innerHTML = '<button class="close" title="Close">×</button><h3>Operation</h3>' + opHtml(op(id)) +
      `<p><button type="button" data-goto="${id}">Show on timeline</button></p>`;
    details.hidden = false;
  });
  details.addEventListener('click', ev => {
    if (ev.target.classList.contains('close')) { details.hidden = true; ev.stopPropagation(); }
    const go = ev.target.getAttribute && ev.target.getAttribute('data-goto');
    if (go !== null && go !== undefined) { showOperation(Number(go)); ev.stopPropagation(); }
  });
}
