// Runs before the body is parsed, so the first paint is already right.
(function () {
  var root = document.documentElement;
  var pref = 'system';
  try {
    pref = localStorage.getItem('trapscope-theme') || 'system';
  } catch {
    // Storage may be refused (private windows); follow the system then.
  }
  var dark = pref === 'dark' || (pref !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  root.dataset.theme = dark ? 'dark' : 'light';
  // index.html carries the default view pre-rendered; a permalink shows something else, so that view stays hidden
  // until the script draws the linked one (no flash of the wrong call).
  if (location.hash.length > 1) {
    root.dataset.link = '';
    // The linked view is drawn by the app alone: its chunks, which the build lists here, are asked for now rather
    // than once the whole page is parsed and the entry has run (src/boot/build/first-load.ts, linkChunks).
    var chunks = document.querySelector('meta[name="trapscope-link-chunks"]');
    (chunks ? chunks.content.split(' ') : []).forEach(function (href) {
      var link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = href;
      document.head.appendChild(link);
    });
  }
})();
