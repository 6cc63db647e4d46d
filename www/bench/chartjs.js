// The same three series as widget.html, drawn by Chart.js 4 with settings that make the
// comparison fair: no animation (our widget has none), devicePixelRatio 2, same box.
/* global Chart, BENCH_SERIES */
const colours = ['#0b5cad', '#d14900', '#2f7d32'];
const chart = new Chart(document.getElementById('chart'), {
  type: 'line',
  data: {
    labels: BENCH_SERIES.labels,
    datasets: BENCH_SERIES.series.map((s, i) => ({
      label: s.label, data: s.data, borderColor: colours[i], backgroundColor: colours[i],
      borderWidth: 2, pointRadius: 0, spanGaps: false,
    })),
  },
  options: {
    animation: false,
    devicePixelRatio: 2,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    plugins: { tooltip: { enabled: true }, legend: { position: 'top' } },
    scales: { y: { beginAtZero: true } },
  },
});
window.benchChart = chart;
requestAnimationFrame(() => performance.mark('chart-ready'));
