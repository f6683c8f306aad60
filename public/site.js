// Progressive enhancement only: every page works without this file.
// It adds "/" to focus the search box; the attention chart is server-drawn SVG.
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
})();
