// The verdict banner, the checks section, the summary cards, the counterexample panel, percentiles, links and footer.
'use strict';
const VERDICT_WORDS = { valid: 'Valid', invalid: 'Invalid', unknown: 'Unknown', unchecked: 'Not checked' };

// The merged verdict in one word, and which checks failed, could not decide or passed, linking to the checks section.
function renderVerdict() {
  const s = D.summary;
  const names = cs => cs.map(c => `<b>${esc(c.name)}</b>`).join(', ');
  const failed = s.checks.filter(c => c.verdict === 'invalid'), undecided = s.checks.filter(c => c.verdict === 'unknown'), passed = s.checks.filter(c => c.verdict === 'valid');
  const scope = `${num(s.operations)} operations on ${num(s.keys)} key${s.keys === 1 ? '' : 's'} by ${num(s.processes)} processes over ${fmtDur(s.duration)}, model <b>${esc(s.model)}</b>.`;
  const parts = [];
  if (!s.checks.length) {
    parts.push('No check was made.', scope);
  } else if (s.verdict === 'valid') {
    parts.push(`Every check passed: ${names(passed)}.`, scope);
  } else {
    if (failed.length) {
      parts.push('Failed: ' + failed.map(c => `<b>${esc(c.name)}</b>` + (c.findings.length
        ? ` (${esc(clip(c.findings[0].text, 110))}${c.findings.length > 1 ? `; ${c.findings.length - 1} more` : ''})` : '')).join('; ') + '.');
    }
    if (undecided.length) parts.push(`Could not decide: ${names(undecided)}. Never read this as valid.`);
    if (passed.length) parts.push(`Passed: ${names(passed)}.`);
    parts.push('<a href="#checks">See the checks ↓</a>');
    if (D.counterexamples.length) parts.push(D.counterexamples.some(c => !c.undecided) ? '<a href="#counterexample">See the counterexample ↓</a>' : '<a href="#counterexample">See how far the check got ↓</a>');
  }
  const banner = document.getElementById('verdict');
  banner.className = 'banner ' + s.verdict;
  banner.setAttribute('data-failed', failed.map(c => c.name).join(' '));
  banner.innerHTML = `<span class="word">${VERDICT_WORDS[s.verdict] || esc(s.verdict)}</span><span class="why">${parts.join(' ')}</span>`;
}

// Every check with its verdict and findings; a finding with a time links to the timeline at that moment.
function renderChecks() {
  const s = D.summary;
  const section = document.getElementById('checks');
  if (s.verdict === 'invalid') section.classList.add('failed');
  section.append(el('h2', { text: s.checks.length ? `Checks: ${VERDICT_WORDS[s.verdict].toLowerCase()}` : 'Checks' }));
  if (!s.checks.length) { section.append(el('p', { class: 'muted', text: 'No check was made on this history.' })); return; }
  for (const c of s.checks) {
    const box = el('div', { class: 'check ' + c.verdict, 'data-check': c.name, 'data-verdict': c.verdict });
    const n = c.findings.length;
    box.append(el('h3', null, el('span', { class: 'pill ' + c.verdict, text: c.verdict }), ' ', el('span', { class: 'check-name', text: c.name }),
      n ? el('span', { class: 'muted', text: ` · ${n} finding${n === 1 ? '' : 's'}` }) : null));
    if (!n) { box.append(el('p', { class: 'muted', text: c.verdict === 'valid' ? 'Nothing found.' : 'No finding recorded.' })); section.append(box); continue; }
    const list = el('ul', { class: 'findings' });
    for (const f of c.findings) {
      const when = f.at === null ? el('span', { class: 'muted at', text: 'no time' })
        : el('a', { href: '#timeline', class: 'at', 'data-at': f.at, onclick: ev => { ev.preventDefault(); showMoment(f.at); }, text: 'at ' + fmtTime(f.at) });
      list.append(el('li', { 'data-finding': c.name }, when, ' ', el('span', { class: 'finding-text', text: f.text })));
    }
    box.append(list);
    section.append(box);
  }
}

function table(headers, rows, numeric) {
  const t = el('table');
  t.append(el('tr', null, headers.map((h, i) => el('th', { class: numeric && numeric[i] ? 'num' : null, text: h }))));
  for (const r of rows) t.append(el('tr', null, r.map((c, i) => el('td', { class: numeric && numeric[i] ? 'num' : null }, c))));
  return t;
}
function dl(pairs) {
  const d = el('dl', { class: 'kv' });
  for (const [k, v] of pairs) if (v !== null && v !== undefined) d.append(el('dt', { text: k }), el('dd', null, v));
  return d;
}

function renderSummary() {
  const s = D.summary;
  const section = document.getElementById('summary');
  section.append(el('h2', { text: 'Summary' }));
  const cards = el('div', { class: 'cards' });
  const run = el('div', { class: 'card' }, el('h3', { text: 'Run' }), dl([
    ['history', el('span', { class: 'mono', text: s.source })],
    ['model', s.model],
    ['verdict', `${s.verdict} (${s.checks.length} check${s.checks.length === 1 ? '' : 's'})`],
    ['checker time', s.checkerMs === null ? '—' : fmtDur(s.checkerMs * 1e6)],
    ['operations', num(s.operations)], ['keys', num(s.keys)], ['processes', num(s.processes)],
    ['duration', fmtDur(s.duration)],
    ['seed', s.seed === null ? null : String(s.seed)],
  ]));
  if (s.replay) {
    const copy = el('button', { type: 'button', text: 'copy', onclick: () => navigator.clipboard && navigator.clipboard.writeText(s.replay) });
    run.append(el('div', { class: 'muted', text: 'replay:' }), el('div', { class: 'replay' }, el('code', { text: s.replay }), copy));
  }
  cards.append(run);
  cards.append(el('div', { class: 'card' }, el('h3', { text: 'Outcomes' }),
    table(['f', 'ok', 'fail', 'info'], s.counts.map(c => [c.f, num(c.ok), num(c.fail), num(c.info)]), [false, true, true, true])));
  // Only when some completion records a reason or a redirect: older histories get no table of blanks.
  if (s.reasons.length) cards.append(el('div', { class: 'card', id: 'reasons' }, el('h3', { text: 'Outcomes by reason' }),
    table(['f', 'outcome', 'reason', 'count'], s.reasons.map(r => [r.f, r.o,
      r.reason === null ? el('span', { class: 'muted', text: 'no reason recorded' }) : el('span', { title: r.meaning || '', 'data-reason-row': r.reason, text: r.reason }),
      num(r.count)]), [false, false, false, true])));
  const faults = el('div', { class: 'card' }, el('h3', { text: 'Faults applied' }));
  faults.append(s.faultKinds.length === 0 ? el('p', { class: 'muted', text: 'No nemesis events in the history.' })
    : table(['kind', 'windows', 'total time'], s.faultKinds.map(k => [
      el('span', null, el('i', { class: 'sw', style: `background:${faultColour(k.kind)}` }), k.kind), num(k.count), k.total === 0 ? 'instant' : fmtDur(k.total)]), [false, true, true]));
  cards.append(faults);
  // The run's own figures as it worded them, then what this report measures from the history.
  cards.append(el('div', { class: 'card', id: 'figures' }, el('h3', { text: 'Figures' }), dl([
    ...s.figures.map(([k, v]) => [k, v]),
    ['longest gap between acknowledged operations', fmtDur(s.longestGap)],
  ])));
  if (s.configuration.length) cards.append(el('div', { class: 'card', id: 'configuration' }, el('h3', { text: 'Configuration' }), dl(s.configuration.map(([k, v]) => [k, v]))));
  section.append(cards);
}

// For each invalid key: the last steps of the longest linearizable prefix, drawn in real time with their linearization
// order, and the operations that cannot follow; for each undecided key, its prefix alone. Every drawn element carries
// data-counterexample.
function renderCounterexamples() {
  if (!D.counterexamples.length) return;
  const section = document.getElementById('counterexample');
  section.hidden = false;
  document.getElementById('nav-cx').hidden = false;
  for (const c of D.counterexamples) {
    // An undecided key (the search hit a bound) is drawn the same way: how far the search got, nothing marked as blocked.
    section.append(el('h2', { text: c.undecided ? `Undecided: key ${c.keyLabel} (${c.undecided})` : `Counterexample: key ${c.keyLabel} is not linearizable` }));
    const omitted = c.prefixLength - c.prefix.length;
    section.append(el('p', null, `The longest linearizable prefix the checker found has ${num(c.prefixLength)} step${c.prefixLength === 1 ? '' : 's'}` +
      (omitted > 0 ? ` (the last ${c.prefix.length} shown; state before them: ` : ' (state before: ') + `${c.initialState}). After it the state is `,
    el('code', { text: c.stateAfterPrefix }), c.undecided
      ? '. The search stopped before it could tell whether the rest can follow: never read this as valid. Blue: linearized prefix, numbered in linearization order.'
      : `, and none of these pending operations can be linearized next. Blue: linearized prefix, numbered in linearization order; magenta: cannot follow.`,
    ' ', el('button', { type: 'button', text: 'Show on the timeline', onclick: () => showOperation(c.blocked.length ? c.blocked[0].op : c.prefix[c.prefix.length - 1].op) })));
    section.append(counterexampleSvg(c));
    const steps = table(['#', 'operation', 'state after'], [], null);
    for (const s of c.prefix) steps.append(el('tr', { 'data-counterexample': 'prefix', 'data-ref': s.op }, el('td', { class: 'num', text: s.pos }), el('td', { class: 'mono', text: s.text }), el('td', { class: 'mono state', text: s.state })));
    const blocked = table(['cannot follow', 'why'], [], null);
    for (const b of c.blocked) blocked.append(el('tr', { class: 'cx-row-blocked', 'data-counterexample': 'blocked', 'data-ref': b.op }, el('td', { class: 'mono', text: b.text }), el('td', { text: b.reason })));
    const prefixBox = el('div', { class: 'cx-prefix scroll' }, steps);
    section.append(el('div', { class: 'cx-grid' }, el('div', null, el('h3', { text: 'Linearized prefix (end)' }), prefixBox),
      el('div', null, el('h3', { text: 'Operations that cannot come next' }), el('div', { class: 'scroll' }, blocked))));
    // The steps just before the failure matter most: show the table's end without scrolling.
    prefixBox.scrollTop = prefixBox.scrollHeight;
  }
}

function counterexampleSvg(c) {
  const ids = c.prefix.map(s => s.op).concat(c.blocked.map(b => b.op));
  const ops = ids.map(op);
  const procs = [...new Set(ops.map(o => o.p))].sort((a, b) => a - b);
  let t0 = Math.min(...ops.map(o => o.t0)), t1 = Math.max(...ops.map(o => o.t1 === null ? o.t0 : o.t1));
  const pad = Math.max(1, (t1 - t0) * 0.03); t0 -= pad; t1 += pad;
  const W = Math.max(600, (document.getElementById('counterexample').clientWidth || 1200) - 40), L = 70, rowH = 26;
  const x = t => L + (t - t0) / (t1 - t0) * (W - L - 10);
  const layout = faultLayout(t0, t1, x), top = 22 + layout.rows * FAULT_ROW;
  const H = top + procs.length * rowH + 6;
  let s = `<svg class="tl" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="counterexample">`;
  s += axisSvg(t0, t1, x, top, H, W);
  procs.forEach((p, i) => { s += `<text class="row-label" x="6" y="${top + i * rowH + 17}">p${p}</text>`; });
  s += faultsSvg(layout, 16, top, H);
  ops.forEach(o => {
    const cx = CX.get(o.id), y = top + procs.indexOf(o.p) * rowH + 4;
    const end = o.t1 === null ? t1 : o.t1, x0 = x(o.t0), w = Math.max(3, x(end) - x0);
    const colour = cx.kind === 'prefix' ? '#dbe7ff' : '#f3b6ea', stroke = cx.kind === 'prefix' ? '#2563eb' : '#c026d3';
    s += `<rect data-counterexample="${cx.kind}" data-ref="${o.id}" x="${x0}" y="${y}" width="${w}" height="18" rx="3" fill="${colour}" stroke="${stroke}" stroke-width="2"${cx.kind === 'blocked' ? ' stroke-dasharray="5 2"' : ''}/>`;
    const label = (cx.kind === 'prefix' ? '#' + cx.pos + ' ' : '✗ ') + shortLabel(o);
    if (label.length * 6.2 < w - 4) s += `<text class="bar-label dark" x="${x0 + 4}" y="${y + 13}">${esc(label)}</text>`;
    else s += `<text class="bar-label dark" x="${x0 + 2}" y="${y - 2}" style="font-size:9px"${cx.kind === 'blocked' ? ' fill="#c026d3"' : ''}>${cx.kind === 'prefix' ? cx.pos : '✗ ' + esc(shortLabel(o))}</text>`;
  });
  return el('div', null, svgNode(s + '</svg>'));
}
function svgNode(markup) { const d = document.createElement('div'); d.innerHTML = markup; return d.firstChild; }

function renderPercentiles() {
  const box = document.getElementById('percentiles');
  if (!D.percentiles.length) { box.append(el('p', { class: 'muted', text: 'No ok operations.' })); return; }
  box.append(table(['f', 'count', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max'],
    D.percentiles.map(p => [p.f, num(p.count), fmtDur(p.p50), fmtDur(p.p90), fmtDur(p.p95), fmtDur(p.p99), fmtDur(p.p999), fmtDur(p.max)]),
    [false, true, true, true, true, true, true, true]));
}

function renderLinks() {
  const box = document.getElementById('links');
  if (!D.links.length) box.append(el('p', { class: 'muted', text: 'No run files beside this report.' }));
  for (const l of D.links) box.append(el('a', { href: l.href, text: l.label }));
}

function renderFooter(drawnMs) {
  document.getElementById('footer').append(
    el('div', { id: 'drawn', text: `Parsed and drawn in ${Math.round(drawnMs)} ms by this browser (${num(OPS.idx.length)} operations in the data block).` }),
    el('div', { text: D.paging }),
    el('div', { text: 'Self-contained: this file makes no network request (a Content-Security-Policy forbids any). Generated by raftchaos report.' }));
}
