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
// Fault windows overlapping [t0, t1]: shaded across all rows, kind named in the band above the rows.
function faultsSvg(t0, t1, x, top, H) {
  let s = '';
  for (const w of D.faults) {
    if (w.end < t0 || w.start > t1) continue;
    const c = faultColour(w.kind), a = x(Math.max(w.start, t0)), b = x(Math.min(w.end, t1));
    const title = `<title>${esc(w.kind)}: ${esc(w.startF)} at ${fmtTime(w.start)}` + (w.instant ? '' : w.healed ? ` … ${esc(w.stopF)} at ${fmtTime(w.end)} (${fmtDur(w.end - w.start)})` : ' … never healed') + (w.value ? ' ' + esc(w.value) : '') + '</title>';
    if (w.instant) {
      s += `<g class="fault" data-fault="${esc(w.kind)}">${title}<line x1="${a}" x2="${a}" y1="${top - 12}" y2="${H}" stroke="${c}" stroke-width="1.5" stroke-dasharray="3 3"/><text class="fault-label" x="${a + 3}" y="${top - 4}" fill="${c}">${esc(w.kind)}</text></g>`;
    } else {
      s += `<g class="fault" data-fault="${esc(w.kind)}">${title}<rect x="${a}" y="${top - 14}" width="${Math.max(1, b - a)}" height="${H - top + 14}" fill="${c}" fill-opacity="0.11"/>` +
        `<rect x="${a}" y="${top - 14}" width="${Math.max(1, b - a)}" height="3" fill="${c}"/>` +
        ((b - a) > 30 ? `<text class="fault-label" x="${a + 3}" y="${top - 3}" fill="${c}">${esc(w.kind)}${w.healed ? '' : ' (not healed)'}</text>` : '') + '</g>';
    }
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
  const L = 78, rowH = 22, top = 34, H = top + procs.length * rowH + 4;
  const x = t => L + (t - t0) / (t1 - t0) * (width - L - 8);
  let s = `<svg class="tl" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" data-key="${esc(key.label)}">` +
    `<defs><linearGradient id="${gradientId}"><stop offset="0" stop-color="#e69b00" stop-opacity="0.9"/><stop offset="1" stop-color="#e69b00" stop-opacity="0.05"/></linearGradient></defs>`;
  procs.forEach((p, i) => {
    if (i % 2 === 0) s += `<rect class="row-bg" x="${L}" y="${top + i * rowH}" width="${width - L}" height="${rowH}"/>`;
    const nodeId = ids.find(id => OPS.p[id] === p && OPS.n[id] >= 0);
    s += `<text class="row-label" x="4" y="${top + i * rowH + 15}">p${p}${nodeId !== undefined ? ' · ' + esc(D.nodes[OPS.n[nodeId]]) : ''}</text>`;
  });
  s += axisSvg(t0, t1, x, top, H) + faultsSvg(t0, t1, x, top, H);
  for (const id of ids) {
    const o = op(id), y = top + rowOf.get(o.p) * rowH + 3, x0 = x(o.t0);
    const done = o.t1 === null ? t1 : o.t1, w = Math.max(2, x(done) - x0);
    const cx = CX.get(id);
    const cls = cx ? ` class="cx-${cx.kind}" data-counterexample="${cx.kind}"` : '';
    const fill = o.o === 'info' && o.t1 === null ? `url(#${gradientId})` : OUTCOME_COLOURS[o.o];
    s += `<rect data-op="${o.idx}" data-id="${id}"${cls} x="${x0.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="16" rx="2" fill="${fill}"/>`;
    if (o.o === 'info' && o.t1 !== null) s += `<rect x="${(x0 + w).toFixed(1)}" y="${y + 4}" width="${Math.max(0, x(t1) - x0 - w).toFixed(1)}" height="8" fill="url(#${gradientId})" pointer-events="none"/>`;
    const label = shortLabel(o);
    if (label.length * 6.1 < w - 4) s += `<text class="bar-label${o.o === 'info' ? ' dark' : ''}" x="${(x0 + 3).toFixed(1)}" y="${y + 12}">${esc(label)}</text>`;
  }
  return s + '</svg>';
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
  document.getElementById('page-select').value = String(currentPage);
  document.getElementById('key-select').value = String(D.pages[currentPage][0][0]);
  const ops = D.pages[currentPage].reduce((n, s) => n + s[2], 0);
  document.getElementById('page-info').textContent = `page ${currentPage + 1} of ${D.pages.length} · ${num(ops)} operations drawn of ${num(OPS.idx.length)}`;
  try { history.replaceState(null, '', '#page=' + (currentPage + 1)); } catch (e) { /* file:// in some browsers */ }
}

function showOperation(id) {
  renderPage(PAGE_OF[id]);
  const rect = document.querySelector(`#timeline-body [data-id="${id}"]`);
  if (rect) { rect.classList.add('sel'); rect.scrollIntoView({ block: 'center' }); }
}

function initTimeline(firstPage) {
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
