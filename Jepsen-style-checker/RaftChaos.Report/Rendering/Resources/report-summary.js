// The verdict banner, the election- and state-machine-safety findings, the summary cards, the counterexample panel, percentiles, links and footer.
'use strict';
function renderVerdict() {
  const s = D.summary;
  const words = { valid: 'Linearizable', invalid: 'Not linearizable', unknown: 'Unknown', unchecked: 'Not checked' };
  let word = words[s.verdict] || esc(s.verdict);
  let why = `${num(s.operations)} operations on ${num(s.keys)} key${s.keys === 1 ? '' : 's'} by ${num(s.processes)} processes over ${fmtDur(s.duration)}, model <b>${esc(s.model)}</b>`;
  if (s.linearizable === 'invalid' && D.counterexamples.length) {
    const c = D.counterexamples[0];
    const next = c.blocked.length === 1 ? `the pending operation <code>${esc(clip(c.blocked[0].text, 60))}</code> could not come next` : `none of the ${c.blocked.length} pending operations could come next`;
    why = `Key <b>${esc(c.keyLabel)}</b>: the checker linearized ${num(c.prefixLength)} operation${c.prefixLength === 1 ? '' : 's'}, then ${next}. <a href="#counterexample">See the counterexample ↓</a>`;
    if (D.counterexamples.length > 1) why += ` (${D.counterexamples.length} keys failed)`;
  } else if (s.linearizable === 'unknown') {
    why = 'The check hit its bound before deciding: ' + esc(s.unknownReason || 'no reason recorded') + '. Never read this as valid.';
  }
  // A node-log check (election or state-machine safety) made the verdict invalid: say which, and what the history check said.
  if (s.verdictReason !== null) {
    const election = s.electionSafety && !s.electionSafety.valid, stateMachine = s.stateMachineSafety && !s.stateMachineSafety.valid;
    const link = [election ? '<a href="#election-safety">See the election-safety finding ↓</a>' : null,
      stateMachine ? '<a href="#state-machine-safety">See the state-machine-safety finding ↓</a>' : null].filter(x => x).join(' ');
    const finding = `<b>${esc(s.verdictReason)}</b>. ${link}`;
    if (s.linearizable === 'invalid') {
      why += ' Also ' + finding;
    } else {
      word = election && stateMachine ? 'Raft safety violated' : election ? 'Election safety violated' : 'State-machine safety violated';
      const history = { valid: `The history itself is linearizable (from ${esc(s.linearizableSource)}).`, unknown: `The history check is unknown: ${esc(s.unknownReason || 'no reason recorded')}.`, unchecked: 'The history was not checked.' };
      why = finding + ' ' + (history[s.linearizable] || '');
    }
  }
  const banner = document.getElementById('verdict');
  banner.className = 'banner ' + s.verdict;
  banner.innerHTML = `<span class="word">${word}</span><span class="why">${why}</span>`;
}

// Each term with more than one leader, from results.json's electionSafety; nothing when the check passed or is absent
// (the summary card then says "no term had two leaders" or omits the row).
function renderElectionSafety() {
  const e = D.summary.electionSafety;
  if (!e || e.valid) return;
  const section = document.getElementById('election-safety');
  section.hidden = false;
  document.getElementById('nav-es').hidden = false;
  const n = e.violations.length;
  section.append(el('h2', { text: n ? `Election safety: ${n} term${n === 1 ? '' : 's'} had more than one leader` : 'Election safety: violated' }));
  section.append(el('p', null, 'Raft allows at most one leader per term. The node logs (', el('code', { text: 'event=RoleChanged role=leader' }), ') show ',
    n ? 'more than one node becoming leader of these terms:' : 'a term with two leaders, but results.json lists none.'));
  if (!n) return;
  const t = table(['term', 'leaders'], [], [true, false]);
  for (const v of e.violations) t.append(el('tr', { 'data-election-term': v.term }, el('td', { class: 'num', text: String(v.term) }), el('td', { class: 'mono', text: v.leaders.join(', ') })));
  section.append(t);
}

// Each index where a node held a committed entry and a leader sent a different one, from results.json's
// stateMachineSafety; nothing when the check passed or is absent.
function renderStateMachineSafety() {
  const m = D.summary.stateMachineSafety;
  if (!m || m.valid) return;
  const section = document.getElementById('state-machine-safety');
  section.hidden = false;
  document.getElementById('nav-sms').hidden = false;
  const n = m.violations.length;
  section.append(el('h2', { text: n ? `State-machine safety: ${n} committed entr${n === 1 ? 'y was' : 'ies were'} contradicted` : 'State-machine safety: violated' }));
  section.append(el('p', null, 'Raft allows one committed entry per index. A node logged (', el('code', { text: 'event=CommittedEntryConflict' }), ') that a leader sent ',
    n ? 'a different entry for an index it had already committed; that leader\'s majority applies the other entry:' : 'a different entry for a committed index, but results.json lists none.'));
  if (!n) return;
  const t = table(['node', 'index', 'committed term', 'leader\'s entry term'], [], [false, true, true, true]);
  for (const v of m.violations) t.append(el('tr', { 'data-conflict-index': v.index }, el('td', { class: 'mono', text: v.node }),
    el('td', { class: 'num', text: String(v.index) }), el('td', { class: 'num', text: String(v.committedTerm) }), el('td', { class: 'num', text: String(v.leaderTerm) })));
  section.append(t);
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
    ['verdict', `${s.verdict} (from ${s.verdictSource})`],
    ['linearizable', s.electionSafety || s.stateMachineSafety ? `${s.linearizable} (from ${s.linearizableSource})` : null],
    ['election safety', !s.electionSafety ? null : s.electionSafety.valid ? 'no term had two leaders (node logs)'
      : `violated: ${s.electionSafety.violations.length} term${s.electionSafety.violations.length === 1 ? '' : 's'} with two or more leaders (see above)`],
    ['state-machine safety', !s.stateMachineSafety ? null : s.stateMachineSafety.valid ? 'no committed entry was contradicted (node logs)'
      : `violated: ${s.stateMachineSafety.violations.length} committed entr${s.stateMachineSafety.violations.length === 1 ? 'y' : 'ies'} contradicted (see above)`],
    ['checker time', s.checkerMs === null ? '—' : fmtDur(s.checkerMs * 1e6)],
    ['operations', num(s.operations)], ['keys', num(s.keys)], ['processes', num(s.processes)],
    ['duration', fmtDur(s.duration)],
    ['seed', s.seed === null ? '— (not recorded)' : String(s.seed)],
  ]));
  if (s.replay) {
    const copy = el('button', { type: 'button', text: 'copy', onclick: () => navigator.clipboard && navigator.clipboard.writeText(s.replay) });
    run.append(el('div', { class: 'muted', text: 'replay:' }), el('div', { class: 'replay' }, el('code', { text: s.replay }), copy));
  }
  cards.append(run);
  cards.append(el('div', { class: 'card' }, el('h3', { text: 'Outcomes' }),
    table(['f', 'ok', 'fail', 'info'], s.counts.map(c => [c.f, num(c.ok), num(c.fail), num(c.info)]), [false, true, true, true])));
  const faults = el('div', { class: 'card' }, el('h3', { text: 'Faults applied' }));
  faults.append(s.faultKinds.length === 0 ? el('p', { class: 'muted', text: 'No nemesis events in the history.' })
    : table(['kind', 'windows', 'total time'], s.faultKinds.map(k => [
      el('span', null, el('i', { class: 'sw', style: `background:${faultColour(k.kind)}` }), k.kind), num(k.count), k.total === 0 ? 'instant' : fmtDur(k.total)]), [false, true, true]));
  const f = s.failover;
  faults.append(el('h3', { text: 'Failover' }), dl([
    ['time without a leader', f.withoutLeader === null ? '— (not measured)' : fmtDur(f.withoutLeader)],
    ['terms', f.terms === null ? '— (not measured)' : num(f.terms)],
    ['longest gap between acknowledged ops', fmtDur(f.longestGap)],
  ]));
  if (f.recoveries.length) {
    faults.append(el('div', { class: 'muted', text: `kill → next acknowledged write (from ${f.recoverySource}):` }),
      table(['kill at', 'target', 'until next write'], f.recoveries.map(r => [r.time === null ? '—' : fmtTime(r.time), r.target || '—', r.until === null ? 'none followed' : fmtDur(r.until)]), [false, false, true]));
  }
  cards.append(faults);
  if (s.configuration.length) cards.append(el('div', { class: 'card' }, el('h3', { text: 'Configuration' }), dl(s.configuration.map(([k, v]) => [k, el('span', { class: 'mono', text: v })]))));
  section.append(cards);
}

// For each invalid key: the last steps of the longest linearizable prefix, drawn in real time with their linearization
// order, and the operations that cannot follow. Every drawn element carries data-counterexample.
function renderCounterexamples() {
  if (!D.counterexamples.length) return;
  const section = document.getElementById('counterexample');
  section.hidden = false;
  document.getElementById('nav-cx').hidden = false;
  for (const c of D.counterexamples) {
    section.append(el('h2', { text: `Counterexample: key ${c.keyLabel} is not linearizable` }));
    const omitted = c.prefixLength - c.prefix.length;
    section.append(el('p', null, `The longest linearizable prefix the checker found has ${num(c.prefixLength)} step${c.prefixLength === 1 ? '' : 's'}` +
      (omitted > 0 ? ` (the last ${c.prefix.length} shown; state before them: ` : ' (state before: ') + `${c.initialState}). After it the state is `,
    el('code', { text: c.stateAfterPrefix }), `, and none of these pending operations can be linearized next. Blue: linearized prefix, numbered in linearization order; magenta: cannot follow.`,
    ' ', el('button', { type: 'button', text: 'Show on the timeline', onclick: () => showOperation(c.blocked.length ? c.blocked[0].op : c.prefix[c.prefix.length - 1].op) })));
    section.append(counterexampleSvg(c));
    const steps = table(['#', 'operation', 'state after'], [], null);
    for (const s of c.prefix) steps.append(el('tr', { 'data-counterexample': 'prefix', 'data-ref': s.op }, el('td', { class: 'num', text: s.pos }), el('td', { class: 'mono', text: s.text }), el('td', { class: 'mono state', text: s.state })));
    const blocked = table(['cannot follow', 'why'], [], null);
    for (const b of c.blocked) blocked.append(el('tr', { class: 'cx-row-blocked', 'data-counterexample': 'blocked', 'data-ref': b.op }, el('td', { class: 'mono', text: b.text }), el('td', { text: b.reason })));
    section.append(el('div', { class: 'cx-grid' }, el('div', null, el('h3', { text: 'Linearized prefix (end)' }), steps), el('div', null, el('h3', { text: 'Operations that cannot come next' }), blocked)));
  }
}

function counterexampleSvg(c) {
  const ids = c.prefix.map(s => s.op).concat(c.blocked.map(b => b.op));
  const ops = ids.map(op);
  const procs = [...new Set(ops.map(o => o.p))].sort((a, b) => a - b);
  let t0 = Math.min(...ops.map(o => o.t0)), t1 = Math.max(...ops.map(o => o.t1 === null ? o.t0 : o.t1));
  const pad = Math.max(1, (t1 - t0) * 0.03); t0 -= pad; t1 += pad;
  const W = Math.max(600, (document.getElementById('counterexample').clientWidth || 1200) - 40), L = 70, rowH = 26, top = 22;
  const H = top + procs.length * rowH + 6;
  const x = t => L + (t - t0) / (t1 - t0) * (W - L - 10);
  let s = `<svg class="tl" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="counterexample">`;
  s += axisSvg(t0, t1, x, top, H, W);
  procs.forEach((p, i) => { s += `<text class="row-label" x="6" y="${top + i * rowH + 17}">p${p}</text>`; });
  s += faultsSvg(t0, t1, x, top, H);
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
