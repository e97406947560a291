(function () {
  var pref = 'system';
  try {
    pref = localStorage.getItem('trapscope-theme') || 'system';
  } catch {
    // Storage may be refused (private windows); follow the system then.
  }
  var dark = pref === 'dark' || (pref !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
