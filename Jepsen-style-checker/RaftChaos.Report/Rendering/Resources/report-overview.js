// The overview strip: the whole run at a glance (completions per second, fault windows, where checks found something,
// the stretch the timeline page shows). A click goes to the timeline page holding that moment.
'use strict';
const OVERVIEW = { L: 64, R: 12, H: 78, plotTop: 6, plotBottom: 46, faultTop: 50, faultH: 10 };

function renderOverview() {
  const box = document.getElementById('overview-strip');
  box.innerHTML = '';
  const width = Math.max(600, box.clientWidth || 1200), end = Math.max(1, D.summary.duration);
  const { L, R, H, plotTop, plotBottom, faultTop, faultH } = OVERVIEW;
  const x = t => L + t / end * (width - L - R);
  const t = D.throughput, perSecond = 1e9 / t.width;
  const ok = new Array(t.count).fill(0), other = new Array(t.count).fill(0);
  for (const row of t.rows) row.counts.forEach((c, i) => { (row.o === 'ok' ? ok : other)[i] += c * perSecond; });
  const max = Math.max(1, ...ok.map((v, i) => v + other[i]));
  const y = v => plotBottom - v / max * (plotBottom - plotTop);
  const area = (values, base) => {
    let d = `M${x(0).toFixed(1)} ${y(base ? base[0] : 0).toFixed(1)}`;
    values.forEach((v, i) => { d += ` L${x(i * t.width).toFixed(1)} ${y(v + (base ? base[i] : 0)).toFixed(1)} L${x(Math.min(end, (i + 1) * t.width)).toFixed(1)} ${y(v + (base ? base[i] : 0)).toFixed(1)}`; });
    for (let i = values.length - 1; i >= 0; i--) d += ` L${x(Math.min(end, (i + 1) * t.width)).toFixed(1)} ${y(base ? base[i] : 0).toFixed(1)} L${x(i * t.width).toFixed(1)} ${y(base ? base[i] : 0).toFixed(1)}`;
    return d + ' Z';
  };
  let s = `<svg id="overview-svg" class="overview" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" data-left="${L}" data-right="${width - R}" data-end="${end}">`;
  s += `<text class="ov-label" x="4" y="${plotTop + 10}">${rate(max)}</text><text class="ov-label" x="4" y="${faultTop + 9}">faults</text>`;
  s += `<rect class="ov-bg" x="${L}" y="${plotTop}" width="${width - L - R}" height="${plotBottom - plotTop}"/>`;
  if (t.rows.length) {
    s += `<path class="ov-ok" d="${area(ok)}"><title>ok completions per second</title></path>`;
    s += `<path class="ov-other" d="${area(other, ok)}"><title>fail and info completions per second</title></path>`;
  }
  for (const w of D.faults) {
    const a = x(w.start), b = x(w.end), c = faultColour(w.kind);
    const title = `<title>${esc(w.label)} at ${fmtTime(w.start)}${w.instant ? '' : ' for ' + fmtDur(w.end - w.start)}</title>`;
    s += w.instant
      ? `<rect data-overview-fault="${esc(w.kind)}" x="${a - 0.75}" y="${faultTop}" width="1.5" height="${faultH}" fill="${c}">${title}</rect>`
      : `<rect data-overview-fault="${esc(w.kind)}" x="${a}" y="${faultTop}" width="${Math.max(1.5, b - a)}" height="${faultH}" fill="${c}" fill-opacity="0.75">${title}</rect>`;
  }
  for (const c of D.summary.checks) for (const f of c.findings) {
    if (f.at === null) continue;
    const xx = x(Math.max(0, Math.min(end, f.at))).toFixed(1);
    s += `<g class="finding-mark" data-finding-mark="${esc(c.name)}"><title>${esc(c.name)}: ${esc(f.text)} (at ${fmtTime(f.at)})</title>` +
      `<line x1="${xx}" x2="${xx}" y1="${plotTop}" y2="${faultTop + faultH}"/><path d="M${xx} ${plotTop + 8} l-5 -8 h10 z"/></g>`;
  }
  s += `<rect id="overview-view" class="ov-view" x="0" y="${plotTop - 2}" width="0" height="${faultTop + faultH - plotTop + 4}"/>`;
  const step = niceStep(end, 10);
  for (let tt = 0; tt <= end; tt += step) s += `<text class="ov-axis" x="${x(tt).toFixed(1)}" y="${H - 4}" text-anchor="middle">${fmtTime(tt)}</text>`;
  box.innerHTML = s + '</svg>';
  const svg = document.getElementById('overview-svg');
  svg.addEventListener('click', ev => {
    const r = svg.getBoundingClientRect(), px = (ev.clientX - r.left) * width / r.width;
    if (px < L || px > width - R) return;
    showMoment((px - L) / (width - L - R) * end);
  });
  markOverview();
}

// Completions per second, short: 850/s, 1.6k/s, 2.4M/s.
function rate(v) { return v >= 1e6 ? (v / 1e6).toFixed(1) + 'M/s' : v >= 1e3 ? (v / 1e3).toFixed(1) + 'k/s' : v.toFixed(0) + '/s'; }

// Outlines on the strip the stretch the current timeline page draws, and the moment last asked for.
function markOverview() {
  const view = document.getElementById('overview-view'), svg = document.getElementById('overview-svg');
  if (!view || !D.pages.length) return;
  const L = OVERVIEW.L, right = Number(svg.getAttribute('data-right')), end = Number(svg.getAttribute('data-end'));
  const x = t => L + Math.max(0, Math.min(end, t)) / end * (right - L);
  const sections = D.pages[currentPage];
  const a = x(Math.min(...sections.map(s => s[3]))), b = x(Math.max(...sections.map(s => s[4])));
  view.setAttribute('x', a.toFixed(1));
  view.setAttribute('width', Math.max(2, b - a).toFixed(1));
  view.setAttribute('data-page', String(currentPage));
}
