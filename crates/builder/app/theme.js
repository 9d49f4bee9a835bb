// Theme before the first paint: see index.html.
document.documentElement.classList.add('js');
try {
  var theme = localStorage.getItem('theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch (e) {}
document.addEventListener('click', function (e) {
  var button = e.target instanceof Element && e.target.closest('#prerender .theme-toggle');
  if (!button) return;
  var root = document.documentElement;
  var chosen = root.getAttribute('data-theme');
  var dark = chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  var next = dark ? 'light' : 'dark';
  root.setAttribute('data-theme', next);
  try { localStorage.setItem('theme', next); } catch (e) {}
});

