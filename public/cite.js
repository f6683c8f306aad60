// Progressive enhancement: a "Copy" button for each citation format. Without this file the
// formats are still on the page to select and copy by hand.
(function () {
  'use strict';
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'visually-hidden';
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand('copy');
      document.body.removeChild(area);
      if (ok) resolve();
      else reject(new Error('copy refused'));
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('pre[data-copy]'), function (pre) {
    var label = document.getElementById(pre.id + '-label');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy ' + (label ? label.textContent : 'citation'));
    button.addEventListener('click', function () {
      copy(pre.textContent).then(
        function () {
          button.textContent = 'Copied';
        },
        function () {
          button.textContent = 'Select and copy by hand';
        },
      );
    });
    (label || pre).appendChild(button);
  });
})();
