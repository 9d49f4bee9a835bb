// Applies the reader's remembered theme before the first paint (the app sets
// it later too, but that would flash the other theme first), and makes the
// entry page's theme switch work before the app has taken over. A file of its
// own in the app shell; the builder copies it into each entry page, where the
// Content-Security-Policy allows it by its hash.
// `js` on the root: what only works with a script (copy buttons) shows.
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

