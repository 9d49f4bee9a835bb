// What the views' static parts do where JavaScript runs, the same on entry
// pages (before the app has taken over, or if it never does) and in the app:
// copy buttons, click-to-play videos, a quiet box for images that fail. One
// deferred file of the shell, not inlined into the entry pages.
// Code blocks' copy buttons (made by the views, shown only where this
// script runs): the code's text to the clipboard, and "Copied" for a moment.
document.addEventListener('click', function (e) {
  var button = e.target instanceof Element && e.target.closest('.copy-code');
  if (!button) return;
  var code = button.parentElement && button.parentElement.querySelector('pre code');
  if (!code || !navigator.clipboard) return;
  navigator.clipboard.writeText(code.textContent || '').then(function () {
    var label = button.getAttribute('aria-label');
    button.classList.add('copied');
    button.setAttribute('aria-label', button.getAttribute('data-copied') || label);
    setTimeout(function () {
      button.classList.remove('copied');
      button.setAttribute('aria-label', label);
    }, 1500);
  });
});

// Videos: the placeholder links to the video's page; played here, it becomes
// the host's player (its address made by the builder from the video's id).
document.addEventListener('click', function (e) {
  var link = e.target instanceof Element && e.target.closest('.embed .embed-play');
  if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  var figure = link.parentElement;
  var src = figure.getAttribute('data-player') || '';
  if (!/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(src)) return;
  e.preventDefault();
  var frame = document.createElement('iframe');
  frame.src = src;
  frame.title = figure.getAttribute('data-title') || '';
  frame.allow = 'autoplay; encrypted-media; fullscreen; picture-in-picture';
  frame.allowFullscreen = true;
  frame.referrerPolicy = 'strict-origin-when-cross-origin';
  link.replaceWith(frame);
  figure.classList.add('playing');
  frame.focus();
});

// An image that cannot load (offline and not saved, gone from its host)
// shows its alt text in a quiet box instead of a broken-image icon.
function imageFailed(img) {
  if (img.classList.contains('img-failed')) return;
  img.classList.add('img-failed');
  var alt = img.getAttribute('alt');
  if (!alt) return;
  var box = document.createElement('span');
  box.className = 'img-failed-alt';
  box.textContent = alt;
  img.after(box);
}
document.addEventListener('error', function (e) {
  if (e.target instanceof HTMLImageElement && e.target.closest('main')) imageFailed(e.target);
}, true);
// One that failed before it was in the page (the app builds its views
// before it inserts them) told nobody: look when pictures arrive.
function checkImages(root) {
  if (!root.querySelectorAll) return;
  var imgs = root.tagName === 'IMG' ? [root] : root.querySelectorAll('img');
  for (var i = 0; i < imgs.length; i++) {
    var img = imgs[i];
    if (img.complete && img.naturalWidth === 0 && img.getAttribute('src') && img.closest('main')) imageFailed(img);
  }
}
document.addEventListener('DOMContentLoaded', function () {
  checkImages(document);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(checkImages);
    });
  }).observe(document.body, { childList: true, subtree: true });
});
