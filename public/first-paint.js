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
  if (location.hash.length > 1) root.dataset.link = '';
})();
