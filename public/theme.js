// Applies the reader's remembered theme before the first paint (the app sets
// it later too, but that would flash the other theme first). A file of its own
// in the app shell; the builder copies it into each entry page, where the
// Content-Security-Policy allows it by its hash.
try {
  var theme = localStorage.getItem('theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch (e) {}
