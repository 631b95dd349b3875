// Draws the report once the data is parsed; the first screen shows the checks and, for an invalid history, the counterexample.
'use strict';
(function main() {

  renderVerdict();
  renderChecks();
  renderCounterexamples();
  renderSummary();
  const invalid = D.counterexamples.length > 0;
  initTimeline(invalid ? D.counterexamples[0].page : 0);
  renderOverview();
  renderLatency();
  renderThroughput();
  renderPercentiles();
  renderLinks();
  wireDetails();
  renderFooter(performance.now() - T0);
  // The counterexample panel sits right under the verdict, so the first screen shows it without scrolling.
  let pending = 0;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(() => { renderPage(currentPage); renderOverview(); renderLatency(); renderThroughput(); }, 150);
  });
})();
