// Progressive enhancement only: every page works without this file.
// It adds "/" to focus the search box and draws the attention-over-time table as a uPlot chart.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  document.addEventListener('keydown', function (event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) return;
    var box = document.getElementById('search-q') || document.getElementById('q');
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) {
        el[k] = attrs[k];
      });
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  function readTable(table) {
    var xs = [],
      counts = [],
      shares = [];
    Array.prototype.forEach.call(table.tBodies[0] ? table.tBodies[0].rows : [], function (row) {
      var t = Number(row.dataset.t),
        n = Number(row.dataset.count),
        s = Number(row.dataset.share);
      if (!isFinite(t) || !isFinite(n) || !isFinite(s)) return;
      xs.push(t);
      counts.push(n);
      shares.push(Math.round(s * 1000) / 10);
    });
    return [xs, counts, shares];
  }

  function drawChart(table) {
    var holder = document.getElementById(table.getAttribute('data-chart'));
    var data = readTable(table);
    if (!holder || data[0].length === 0) return;
    Promise.all([
      load('link', { rel: 'stylesheet', href: '/assets/lib/uplot.css' }),
      window.uPlot ? Promise.resolve() : load('script', { src: '/assets/lib/uplot.js' }),
    ])
      .then(function () {
        holder.hidden = false;
        var size = function () {
          return { width: Math.max(280, holder.clientWidth), height: 260 };
        };
        var opts = Object.assign(size(), {
          tzDate: function (ts) {
            return window.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
          },
          scales: {
            x: { time: true },
            y: {
              range: function (u, min, max) {
                return [0, Math.max(1, max * 1.1)];
              },
            },
            '%': {
              range: function (u, min, max) {
                return [0, Math.max(1, max * 1.1)];
              },
            },
          },
          series: [
            {},
            {
              label: 'Matches',
              stroke: '#0b5394',
              fill: 'rgba(11, 83, 148, 0.12)',
              width: 2,
              points: { show: data[0].length < 40 },
            },
            {
              label: 'Share of all articles (%)',
              scale: '%',
              stroke: '#b45309',
              width: 2,
              dash: [6, 4],
              points: { show: data[0].length < 40 },
            },
          ],
          axes: [
            {},
            { label: 'matches' },
            { side: 1, scale: '%', label: '% of all', grid: { show: false } },
          ],
        });
        var plot = new window.uPlot(opts, data, holder);
        // One period alone would otherwise span years: show a fortnight either side of it.
        if (data[0].length === 1)
          plot.setScale('x', { min: data[0][0] - 14 * 86400, max: data[0][0] + 14 * 86400 });
        holder.setAttribute('data-rendered', 'true');
        var pending = 0;
        window.addEventListener('resize', function () {
          cancelAnimationFrame(pending);
          pending = requestAnimationFrame(function () {
            plot.setSize(size());
          });
        });
      })
      .catch(function () {
        holder.hidden = true;
      });
  }

  var table = document.querySelector('table[data-chart]');
  if (table) drawChart(table);
})();
