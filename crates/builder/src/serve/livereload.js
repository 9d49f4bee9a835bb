// `blog-builder serve`: reloads the page when the site is rebuilt, at the
// same scroll position, and shows a build's errors over the page until the
// next good build. Added to pages by the development server only.
(function () {
  var src = document.currentScript.src;
  var base = src.replace(/__livereload\.js.*$/, '');
  // The build this page was served from (a build may finish before the
  // first question below is answered).
  var served = Number(src.split('?')[1]);
  var key = 'livereload-scroll:' + location.pathname + location.search;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    // Back where the reader was, once the page is long enough again (the
    // app renders after it has fetched the post).
    sessionStorage.removeItem(key);
    var y = Number(saved);
    var tries = 0;
    (function again() {
      window.scrollTo(0, y);
      if (Math.abs(window.scrollY - y) > 2 && tries++ < 60) setTimeout(again, 50);
    })();
  }
  var box = null;
  function show(errors) {
    if (box) box.remove();
    box = null;
    if (!errors.length) return;
    box = document.createElement('div');
    box.className = 'build-errors';
    box.setAttribute('role', 'alert');
    // Styled here (through the CSSOM, which the pages' CSP allows), not in
    // the site's stylesheet: only the development server shows it.
    Object.assign(box.style, {
      position: 'fixed', left: '1rem', right: '1rem', bottom: '1rem', zIndex: '100',
      maxHeight: '50vh', overflow: 'auto', padding: '1rem 1.25rem',
      background: 'light-dark(#fff1f0, #3a1512)', color: 'light-dark(#1f1b16, #ece6dd)',
      border: '2px solid light-dark(#b3261e, #ff8a80)', borderRadius: '8px',
      font: '0.95rem/1.5 system-ui, sans-serif',
    });
    var title = document.createElement('p');
    title.className = 'build-errors-title';
    title.style.fontWeight = '700';
    title.textContent = 'The site did not build: the last good build is shown.';
    box.append(title);
    errors.forEach(function (e) {
      var item = document.createElement('p');
      var where = document.createElement('code');
      where.textContent = e.file + (e.line ? ':' + e.line : '');
      item.append(where, ' ' + e.message + (e.help ? ' (' + e.help + ')' : ''));
      box.append(item);
    });
    document.body.append(box);
  }
  var seen = null;
  function poll() {
    fetch(base + '__livereload' + (seen === null ? '' : '?seen=' + seen), { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (news) {
        var since = seen === null ? served : seen;
        if (news.generation !== since && !news.errors.length) {
          sessionStorage.setItem(key, String(window.scrollY));
          location.reload();
          return;
        }
        seen = news.generation;
        show(news.errors);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
