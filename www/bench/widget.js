// Marks the first complete chart for the benchmark: the widget's own ready event.
document.addEventListener('crime-compare:ready', () => {
  if (performance.getEntriesByName('chart-ready').length === 0) performance.mark('chart-ready');
}, { capture: true });
