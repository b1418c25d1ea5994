// The model page's chart: a metric across the model's runs over time, with every alias move drawn
// as a labelled dashed line. Chart.js comes from the server (/vendor/chart.umd.js), never a CDN.
const COLORS = ['#2563eb', '#b45309', '#7c3aed', '#15803d', '#be185d', '#0e7490'];

// Draws each alias move (opts.marks: [{t, label, color}]) as a vertical line at its time.
const aliasLines = {
  id: 'aliasLines',
  afterDatasetsDraw(chart, args, opts) {
    const { ctx, chartArea, scales: { x } } = chart;
    (opts.marks || []).forEach((m, i) => {
      const px = x.getPixelForValue(m.t);
      if (px < chartArea.left - 1 || px > chartArea.right + 1) return;
      ctx.save();
      ctx.strokeStyle = m.color;
      ctx.fillStyle = m.color;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(m.label, Math.min(px + 3, chartArea.right - ctx.measureText(m.label).width), chartArea.top + 11 + (i % 4) * 13);
      ctx.restore();
    });
  },
};

export function metricChart(canvas, versions, history, metric) {
  const ok = versions.filter((r) => r.status === 'SUCCEEDED' && r[metric] !== null)
    .map((r) => ({ x: Date.parse(r.run_date), y: r[metric], version: r.model_version }))
    .sort((a, b) => a.x - b.x);
  const aliases = [...new Set(history.map((h) => h.alias))];
  const marks = history.filter((h) => h.action !== 'REFUSE').map((h) => ({
    t: Date.parse(h.at),
    label: `${h.alias} ${h.action === 'DELETE' ? '✕' : '→ ' + h.to_version}`,
    color: COLORS[aliases.indexOf(h.alias) % COLORS.length],
  }));
  const times = ok.map((p) => p.x).concat(marks.map((m) => m.t));
  const pad = times.length ? Math.max(1000, (Math.max(...times) - Math.min(...times)) * 0.05) : 1000;
  const old = window.Chart.getChart(canvas);
  if (old) old.destroy();
  return new window.Chart(canvas, {
    type: 'line',
    data: { datasets: [{ label: metric, data: ok, borderColor: '#2563eb', backgroundColor: '#2563eb', tension: 0, pointRadius: 4 }] },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false, parsing: false,
      scales: {
        x: { type: 'linear', min: times.length ? Math.min(...times) - pad : undefined, max: times.length ? Math.max(...times) + pad : undefined,
          ticks: { maxTicksLimit: 6, callback: (v) => new Date(v).toISOString().slice(5, 19).replace('T', ' ') } },
        y: { title: { display: true, text: metric } },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => `${c.raw.version}: ${Number(c.raw.y).toFixed(4)}` } },
        aliasLines: { marks },
      },
    },
    plugins: [aliasLines],
  });
}
