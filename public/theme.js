// Applies the reader's remembered theme before the first paint (the app sets
// it later too, but that would flash the other theme first). Same-origin file:
// the Content-Security-Policy allows no inline script.
try {
  var theme = localStorage.getItem('theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch (e) {}
