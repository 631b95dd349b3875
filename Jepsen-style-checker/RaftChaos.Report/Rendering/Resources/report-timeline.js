// The paged timeline: one SVG per key section of the current page, one row per process, one bar per operation.
'use strict';
const PAGE_OF = new Int32Array(OPS.idx.length);
const KEY_FIRST_PAGE = new Int32Array(D.keys.length).fill(-1);
D.pages.forEach((sections, page) => {
  for (const [k, first, count] of sections) {
    if (KEY_FIRST_PAGE[k] < 0) KEY_FIRST_PAGE[k] = page;
    const ids = D.keys[k].ops;
    for (let i = first; i < first + count; i++) PAGE_OF[ids[i]] = page;
  }
});
let currentPage = 0;
// The moment (ns) last asked for from the overview strip or a finding, marked on the timeline; null until then.
let moment = null;
const LABEL_W = 78, FAULT_ROW = 13, LANE_ROW = 18;
const FAULT_LABEL_FONT = '600 10.5px ' + getComputedStyle(document.documentElement).fontFamily;
const LANE_FONT = '11px ' + getComputedStyle(document.documentElement).fontFamily;
const LANE_COLOURS = ['#3b6fd8', '#16a085', '#8e44ad', '#d35400', '#c0392b', '#2c3e50', '#7f8c8d'];
// The same text gets the same colour in every lane and section.
function laneColour(text) {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return LANE_COLOURS[h % LANE_COLOURS.length];
}
const measure = document.createElement('canvas').getContext('2d');
// Text width in px as the browser lays it out, so stacked labels are placed by their real size.
function textWidth(text, font) { measure.font = font; return measure.measureText(text).width; }

function niceStep(span, target) {
  const raw = span / target, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}
function axisSvg(t0, t1, x, top, H) {
  const step = niceStep(t1 - t0, 8);
  let s = '<g class="axis">';
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    const xx = x(t).toFixed(1);
    s += `<line x1="${xx}" x2="${xx}" y1="${top - 4}" y2="${H}"/><text x="${xx}" y="11" text-anchor="middle">${fmtTime(t)}</text>`;
  }
  return s + '</g>';
}
// Fault windows overlapping [t0, t1]: each label (kind and target) in the first row of the band above the process rows
// where it clears the labels before it, so labels never overlap; the window is shaded across the rows below.
function faultLayout(t0, t1, x) {
  const placed = [], rowEnds = [];
  for (const w of D.faults) {
    if (w.end < t0 || w.start > t1) continue;
    const a = x(Math.max(w.start, t0)), b = x(Math.min(w.end, t1));
    const text = w.label + (w.healed ? '' : ' (not healed)');
    const lx = a + 3, width = textWidth(text, FAULT_LABEL_FONT);
    let row = rowEnds.findIndex(end => end <= lx);
    if (row < 0) { row = rowEnds.length; rowEnds.push(0); }
    rowEnds[row] = Math.max(lx + width + 6, b);
    placed.push({ w, a, b, text, lx, row });
  }
  return { placed, rows: rowEnds.length };
}
function faultsSvg(layout, bandTop, top, H) {
  let s = '';
  for (const { w, a, b, text, lx, row } of layout.placed) {
    const c = faultColour(w.kind), y = bandTop + row * FAULT_ROW;
    const title = `<title>${esc(w.label)}: ${esc(w.startF)} at ${fmtTime(w.start)}` + (w.instant ? '' : w.healed ? ` … ${esc(w.stopF)} at ${fmtTime(w.end)} (${fmtDur(w.end - w.start)})` : ' … never healed') + (w.value ? ' ' + esc(w.value) : '') + '</title>';
    const label = `<text class="fault-label" x="${lx.toFixed(1)}" y="${y + 9}" style="fill:${c}">${esc(text)}</text>`;
    if (w.instant) {
      s += `<g class="fault" data-fault="${esc(w.kind)}">${title}<line x1="${a}" x2="${a}" y1="${y}" y2="${H}" stroke="${c}" stroke-width="1.5" stroke-dasharray="3 3"/>${label}</g>`;
    } else {
      s += `<g class="fault" data-fault="${esc(w.kind)}">${title}<rect x="${a}" y="${top - 2}" width="${Math.max(1, b - a)}" height="${H - top + 2}" fill="${c}" fill-opacity="0.11"/>` +
        `<rect x="${a}" y="${y + 11}" width="${Math.max(1, b - a)}" height="2" fill="${c}"/>${label}</g>`;
    }
  }
  return s;
}
// The run's lanes (e.g. which node held a role when), one labelled strip each, clipped to [t0, t1].
function lanesSvg(t0, t1, x, laneTop, width) {
  let s = '';
  D.lanes.forEach((lane, i) => {
    const y = laneTop + i * LANE_ROW;
    s += `<g class="lane" data-lane="${esc(lane.name)}"><text class="lane-label" x="4" y="${y + 12}">${esc(clip(lane.name, 11))}</text>` +
      `<rect class="lane-bg" x="${LABEL_W}" y="${y}" width="${width - LABEL_W}" height="${LANE_ROW - 3}"/>`;
    for (const [start, end, text] of lane.spans) {
      if (end < t0 || start > t1) continue;
      const a = x(Math.max(start, t0)), b = x(Math.min(end, t1)), c = laneColour(text);
      s += `<g data-lane-span="${esc(text)}"><title>${esc(lane.name)}: ${esc(text)} from ${fmtTime(start)} to ${fmtTime(end)}</title>` +
        `<rect x="${a.toFixed(1)}" y="${y}" width="${Math.max(1, b - a).toFixed(1)}" height="${LANE_ROW - 3}" fill="${c}" fill-opacity="0.28" stroke="${c}"/>` +
        (textWidth(text, LANE_FONT) < b - a - 6 ? `<text class="lane-text" x="${(a + 3).toFixed(1)}" y="${y + 12}">${esc(text)}</text>` : '') + '</g>';
    }
    s += '</g>';
  });
  return s;
}
// A mark where each timed finding happened, and the moment last asked for (from the overview or a finding).
function marksSvg(t0, t1, x, top, H) {
  let s = '';
  for (const c of D.summary.checks) for (const f of c.findings) {
    if (f.at === null || f.at < t0 || f.at > t1) continue;
    const xx = x(f.at).toFixed(1);
    s += `<g class="finding-mark" data-finding-mark="${esc(c.name)}"><title>${esc(c.name)}: ${esc(f.text)} (at ${fmtTime(f.at)})</title>` +
      `<line x1="${xx}" x2="${xx}" y1="${top - 2}" y2="${H}"/><path d="M${xx} ${top - 1} l-5 -8 h10 z"/></g>`;
  }
  if (moment !== null && moment >= t0 && moment <= t1) {
    const xx = x(moment).toFixed(1);
    s += `<line class="cursor" data-cursor="${moment}" x1="${xx}" x2="${xx}" y1="${top - 2}" y2="${H}"/>`;
  }
  return s;
}

function sectionSvg(section, width, gradientId) {
  const [k, first, count, start, end] = section;
  const key = D.keys[k];
  const ids = key.ops.slice(first, first + count);
  const procs = [...new Set(ids.map(id => OPS.p[id]))].sort((a, b) => a - b);
  const rowOf = new Map(procs.map((p, i) => [p, i]));
  const pad = Math.max(1, (end - start) * 0.02), t0 = start - pad, t1 = end + pad;
  const rowH = 22;
  const x = t => LABEL_W + (t - t0) / (t1 - t0) * (width - LABEL_W - 8);
  const layout = faultLayout(t0, t1, x);
  const bandTop = 16, laneTop = bandTop + layout.rows * FAULT_ROW + 2, top = laneTop + D.lanes.length * LANE_ROW + 4;
  const H = top + procs.length * rowH + 4;
  let s = `<svg class="tl" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" data-key="${esc(key.label)}">` +
    `<defs><linearGradient id="${gradientId}"><stop offset="0" stop-color="#e69b00" stop-opacity="0.9"/><stop offset="1" stop-color="#e69b00" stop-opacity="0.05"/></linearGradient></defs>`;
  procs.forEach((p, i) => {
    if (i % 2 === 0) s += `<rect class="row-bg" x="${LABEL_W}" y="${top + i * rowH}" width="${width - LABEL_W}" height="${rowH}"/>`;
    const nodeId = ids.find(id => OPS.p[id] === p && OPS.n[id] >= 0);
    s += `<text class="row-label" x="4" y="${top + i * rowH + 15}">p${p}${nodeId !== undefined ? ' · ' + esc(D.nodes[OPS.n[nodeId]]) : ''}</text>`;
  });
  s += axisSvg(t0, t1, x, top, H) + faultsSvg(layout, bandTop, top, H) + lanesSvg(t0, t1, x, laneTop, width);
  for (const id of ids) {
    const o = op(id), y = top + rowOf.get(o.p) * rowH + 3, x0 = x(o.t0);
    const done = o.t1 === null ? t1 : o.t1, w = Math.max(2, x(done) - x0);
    const cx = CX.get(id);
    const cls = cx ? ` class="cx-${cx.kind}" data-counterexample="${cx.kind}"` : '';
    const fill = o.o === 'info' && o.t1 === null ? `url(#${gradientId})` : OUTCOME_COLOURS[o.o];
    s += `<rect data-op="${o.idx}" data-id="${id}"${cls} x="${x0.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="16" rx="2" fill="${fill}"/>`;
    if (o.o === 'info' && o.t1 !== null) s += `<rect x="${(x0 + w).toFixed(1)}" y="${y + 4}" width="${Math.max(0, x(t1) - x0 - w).toFixed(1)}" height="8" fill="url(#${gradientId})" pointer-events="none"/>`;
    if (o.e && o.o !== 'ok') s += `<rect class="reason-stripe" data-reason="${esc(o.e[0])}" x="${x0.toFixed(1)}" y="${y + 13}" width="${w.toFixed(1)}" height="3" fill="${reasonColour(o.e)}" pointer-events="none"/>`;
    const label = shortLabel(o);
    if (label.length * 6.1 < w - 4) s += `<text class="bar-label${o.o === 'info' ? ' dark' : ''}" x="${(x0 + 3).toFixed(1)}" y="${y + 12}">${esc(label)}</text>`;
  }
  return s + marksSvg(t0, t1, x, top, H) + '</svg>';
}

function renderPage(page) {
  const body = document.getElementById('timeline-body');
  if (!D.pages.length) { body.innerHTML = '<p class="muted">No client operations.</p>'; return; }
  currentPage = Math.max(0, Math.min(page, D.pages.length - 1));
  const width = Math.max(600, body.clientWidth || 1200);
  let html = '';
  D.pages[currentPage].forEach((section, i) => {
    const [k, first, count] = section, key = D.keys[k], total = key.ops.length;
    const part = count < total ? ` · operations ${num(first + 1)}–${num(first + count)} of ${num(total)}` : ` · ${num(count)} operation${count === 1 ? '' : 's'}`;
    html += `<div class="key-head"><b>key ${esc(key.label)}</b><span class="pill ${key.verdict}">${key.verdict}</span><span class="muted">${part}</span></div>`;
    html += sectionSvg(section, width, 'ig' + i);
  });
  body.innerHTML = html;
  body.setAttribute('data-page', String(currentPage));
  document.getElementById('page-select').value = String(currentPage);
  document.getElementById('key-select').value = String(D.pages[currentPage][0][0]);
  const ops = D.pages[currentPage].reduce((n, s) => n + s[2], 0);
  document.getElementById('page-info').textContent = `page ${currentPage + 1} of ${D.pages.length} · ${num(ops)} operations drawn of ${num(OPS.idx.length)}`;
  markOverview();
  try { history.replaceState(null, '', '#page=' + (currentPage + 1)); } catch (e) { /* file:// in some browsers */ }
}

// The first page drawing `t` (on the current key when it has one), else the page whose drawn span is nearest.
function pageAt(t) {
  const currentKey = D.pages.length ? D.pages[currentPage][0][0] : -1;
  let best = -1, bestScore = Infinity;
  D.pages.forEach((sections, page) => {
    for (const [k, , , start, end] of sections) {
      const distance = t < start ? start - t : t > end ? t - end : 0;
      const score = distance * 2 + (k === currentKey ? 0 : 1);
      if (score < bestScore) { best = page; bestScore = score; }
    }
  });
  return Math.max(0, best);
}
// Shows the timeline page holding moment `t`, marked with a cursor line.
function showMoment(t) {
  moment = t;
  renderPage(pageAt(t));
  if (typeof markOverview === 'function') markOverview();
  document.getElementById('timeline').scrollIntoView({ block: 'start' });
}

function showOperation(id) {
  renderPage(PAGE_OF[id]);
  const rect = document.querySelector(`#timeline-body [data-id="${id}"]`);
  if (rect) { rect.classList.add('sel'); rect.scrollIntoView({ block: 'center' }); }
}

// The legend's reasons: only the codes this history carries, each with its meaning on hover.
function renderReasonLegend() {
  const box = document.getElementById('reason-legend');
  if (!D.errors.length) { box.remove(); return; }
  box.append('reason: ');
  for (const e of D.errors) box.append(el('span', { class: 'reason-key', 'data-reason-legend': e[0], title: e[1] || '' }, el('i', { class: 'sw', style: `background:${reasonColour(e)}` }), e[0] + ' '));
}

function initTimeline(firstPage) {
  renderReasonLegend();
  const pageSelect = document.getElementById('page-select'), keySelect = document.getElementById('key-select');
  D.pages.forEach((sections, i) => {
    const a = D.keys[sections[0][0]].label, b = D.keys[sections[sections.length - 1][0]].label;
    const n = sections.reduce((s, x) => s + x[2], 0);
    pageSelect.append(el('option', { value: i, text: `page ${i + 1}: ${a === b ? a : a + ' … ' + b} (${num(n)} ops)` }));
  });
  D.keys.forEach((k, i) => keySelect.append(el('option', { value: i, text: `${k.label} (${num(k.ops.length)}${k.verdict === 'invalid' ? ', invalid' : ''})` })));
  pageSelect.addEventListener('change', () => renderPage(Number(pageSelect.value)));
  keySelect.addEventListener('change', () => renderPage(KEY_FIRST_PAGE[Number(keySelect.value)]));
  document.getElementById('page-prev').addEventListener('click', () => renderPage(currentPage - 1));
  document.getElementById('page-next').addEventListener('click', () => renderPage(currentPage + 1));
  const m = /page=(\d+)/.exec(location.hash);
  renderPage(m ? Number(m[1]) - 1 : firstPage);
}
