// Latency (one panel per function, points coloured by outcome, log scale) and throughput, on canvas, faults shaded.
'use strict';
function canvas(container, cssHeight) {
  const c = el('canvas', { class: 'plot' });
  container.append(c);
  const w = Math.max(600, container.clientWidth || 1200), dpr = window.devicePixelRatio || 1;
  c.style.height = cssHeight + 'px';
  c.width = Math.round(w * dpr); c.height = Math.round(cssHeight * dpr);
  const g = c.getContext('2d');
  g.scale(dpr, dpr);
  g.font = '10.5px system-ui, sans-serif';
  return { g, w, h: cssHeight };
}
const PLOT = { L: 64, R: 12, T: 18, B: 22 };
// Fault windows shaded behind a plot; a kind is written above its window only where it clears the previous label.
function shadeFaults(g, x, w, h) {
  let labelEnd = -Infinity;
  for (const f of D.faults) {
    const c = faultColour(f.kind), a = x(f.start), b = x(f.end);
    g.fillStyle = c;
    if (f.instant) { g.globalAlpha = 0.8; g.fillRect(a, PLOT.T, 1, h - PLOT.T - PLOT.B); }
    else { g.globalAlpha = 0.12; g.fillRect(a, PLOT.T, Math.max(1, b - a), h - PLOT.T - PLOT.B); g.globalAlpha = 1; g.fillRect(a, PLOT.T - 3, Math.max(1, b - a), 3); }
    g.globalAlpha = 1;
    const width = g.measureText(f.kind).width;
    if (a + 2 >= labelEnd) { g.fillStyle = c; g.fillText(f.kind, a + 2, PLOT.T - 6); labelEnd = a + 2 + width + 6; }
  }
}
function timeAxis(g, x, w, h) {
  const end = Math.max(1, D.summary.duration), step = niceStep(end, 10);
  g.fillStyle = '#6b7280'; g.strokeStyle = '#eceef2'; g.textAlign = 'center';
  for (let t = 0; t <= end; t += step) {
    const xx = x(t);
    g.beginPath(); g.moveTo(xx, PLOT.T); g.lineTo(xx, h - PLOT.B); g.stroke();
    g.fillText(fmtTime(t), xx, h - 6);
  }
  g.textAlign = 'left';
}

function renderLatency() {
  const box = document.getElementById('latency-plots');
  box.innerHTML = '';
  if (!D.latency.length) { box.append(el('p', { class: 'muted', text: 'No completed operations.' })); return; }
  let lo = Infinity, hi = 0;
  for (const s of D.latency) for (const id of s.ops) { const l = Math.max(1, OPS.t1[id] - OPS.t0[id]); if (l < lo) lo = l; if (l > hi) hi = l; }
  const y0 = Math.floor(Math.log10(lo)), y1 = Math.max(y0 + 1, Math.ceil(Math.log10(hi)));
  const fs = [...new Set(D.latency.map(s => s.f))];
  for (const f of fs) {
    const series = D.latency.filter(s => s.f === f);
    const legend = series.map(s => `<i class="sw ${s.o}"></i>${s.o} ${num(s.ops.length)}`).join(' ');
    box.append(el('div', { class: 'plot-title' }, f + ' ', el('span', { class: 'muted legend-inline' }, svgFree(legend))));
    const { g, w, h } = canvas(box, 170);
    const x = t => PLOT.L + t / Math.max(1, D.summary.duration) * (w - PLOT.L - PLOT.R);
    const y = l => h - PLOT.B - (Math.log10(Math.max(1, l)) - y0) / (y1 - y0) * (h - PLOT.T - PLOT.B);
    shadeFaults(g, x, w, h);
    timeAxis(g, x, w, h);
    g.textAlign = 'right';
    for (let d = y0; d <= y1; d++) {
      const yy = y(Math.pow(10, d));
      g.strokeStyle = '#eceef2'; g.beginPath(); g.moveTo(PLOT.L, yy); g.lineTo(w - PLOT.R, yy); g.stroke();
      g.fillStyle = '#6b7280'; g.fillText(fmtDur(Math.pow(10, d)), PLOT.L - 6, yy + 3);
    }
    g.textAlign = 'left';
    for (const o of ['ok', 'info', 'fail']) {
      const s = series.find(z => z.o === o);
      if (!s) continue;
      g.fillStyle = OUTCOME_COLOURS[o]; g.globalAlpha = s.ops.length > 20000 ? 0.35 : 0.75;
      const r = s.ops.length > 5000 ? 2.5 : 4;
      for (const id of s.ops) g.fillRect(x(OPS.t0[id]) - r / 2, y(OPS.t1[id] - OPS.t0[id]) - r / 2, r, r);
      g.globalAlpha = 1;
    }
  }
}
function svgFree(html) { const s = document.createElement('span'); s.innerHTML = html; return s; }

function renderThroughput() {
  const box = document.getElementById('throughput-plot');
  box.innerHTML = '';
  const t = D.throughput;
  if (!t.rows.length) { box.append(el('p', { class: 'muted', text: 'No completed operations.' })); return; }
  const perSecond = 1e9 / t.width;
  const fs = [...new Set(t.rows.map(r => r.f))];
  const lines = [];
  for (const f of fs) {
    const ok = t.rows.find(r => r.f === f && r.o === 'ok');
    const bad = t.rows.filter(r => r.f === f && r.o !== 'ok');
    if (ok) lines.push({ f, dash: false, values: ok.counts.map(c => c * perSecond) });
    if (bad.length) lines.push({ f, dash: true, values: bad[0].counts.map((_, i) => bad.reduce((s, r) => s + r.counts[i], 0) * perSecond) });
  }
  box.append(el('div', { class: 'muted' }, svgFree(fs.map(f => `<i class="sw" style="background:${fColour(f)}"></i>${esc(f)}`).join(' ') + ` · bucket ${fmtDur(t.width)}`)));
  const { g, w, h } = canvas(box, 220);
  const x = tt => PLOT.L + tt / Math.max(1, D.summary.duration) * (w - PLOT.L - PLOT.R);
  const max = Math.max(1, ...lines.flatMap(l => l.values));
  const y = v => h - PLOT.B - v / max * (h - PLOT.T - PLOT.B);
  shadeFaults(g, x, w, h);
  timeAxis(g, x, w, h);
  const step = niceStep(max, 5);
  g.textAlign = 'right';
  for (let v = 0; v <= max; v += step) {
    const yy = y(v);
    g.strokeStyle = '#eceef2'; g.beginPath(); g.moveTo(PLOT.L, yy); g.lineTo(w - PLOT.R, yy); g.stroke();
    g.fillStyle = '#6b7280'; g.fillText(v >= 1e6 ? (v / 1e6).toFixed(1) + 'M/s' : v >= 1e3 ? (v / 1e3).toFixed(1) + 'k/s' : v.toFixed(0) + '/s', PLOT.L - 6, yy + 3);
  }
  g.textAlign = 'left';
  for (const l of lines) {
    g.strokeStyle = fColour(l.f); g.lineWidth = 1.6; g.setLineDash(l.dash ? [4, 3] : []);
    g.beginPath();
    l.values.forEach((v, i) => { const xx = x((i + 0.5) * t.width); if (i === 0) g.moveTo(xx, y(v)); else g.lineTo(xx, y(v)); });
    g.stroke();
  }
  g.setLineDash([]); g.lineWidth = 1;
}
