// Fills the page's URL name (slug) with the pinyin of its title as the title is typed.
// Wagtail's title field dispatches w-sync:check (on focus) and w-sync:apply (on typing)
// to the slug input; PinyinSlugInput routes them here instead of to Wagtail's urlify,
// which would drop every Chinese character.
(function () {
  'use strict';

  function setUp(input) {
    if (input.dataset.pinyinSlugReady) return;
    input.dataset.pinyinSlugReady = '1';
    var url = input.getAttribute('data-pinyin-slug-url');
    var form = input.form;
    // The slug last filled in from the title; while the slug still equals it, typing
    // in the title keeps updating it. Once an editor changes the slug, it stays theirs.
    var generated = null;
    var pending = null;

    function ask(title) {
      var params = new URLSearchParams({ title: title });
      var page = input.getAttribute('data-pinyin-slug-page');
      var parentId = input.getAttribute('data-pinyin-slug-parent');
      if (page) params.set('page', page);
      if (parentId) params.set('parent', parentId);
      if (pending) pending.abort();
      pending = new AbortController();
      return fetch(url + '?' + params.toString(), {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        signal: pending.signal,
      }).then(function (response) {
        return response.ok ? response.json() : { slug: '' };
      });
    }

    function inSync() {
      return !input.value || input.value === generated;
    }

    input.addEventListener('w-sync:check', function (event) {
      if (!inSync()) event.preventDefault();
    });
    function fill(title) {
      if (!inSync()) return;
      if (!title.trim()) {
        input.value = '';
        generated = '';
        return;
      }
      ask(title)
        .then(function (data) {
          if (!inSync()) return;
          input.value = data.slug || '';
          generated = input.value;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        })
        .catch(function () {});
    }

    input.addEventListener('w-sync:apply', function (event) {
      // Wagtail would otherwise write its own urlify of the title into the field.
      event.preventDefault();
      fill((event.detail && event.detail.value) || '');
    });
    // Wagtail syncs on keyup and change; Chinese typed through an input method (or pasted)
    // may raise neither until the field is left, so follow every input as well, wherever
    // Wagtail syncs this title to this slug (new and draft pages, not live ones).
    var titleInput = form && form.querySelector('input[name="title"]');
    var timer = null;
    if (
      titleInput &&
      (titleInput.getAttribute('data-controller') || '').indexOf('w-sync') !== -1 &&
      (titleInput.getAttribute('data-w-sync-target-value') || '').indexOf('#' + input.id) !== -1
    ) {
      titleInput.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          fill(titleInput.value);
        }, 250);
      });
    }
    // A page opened again: its slug counts as generated if it is what the title gives.
    var title = form && form.querySelector('input[name="title"]');
    if (title && title.value && input.value) {
      ask(title.value)
        .then(function (data) {
          if (data.slug === input.value) generated = input.value;
        })
        .catch(function () {});
    }
  }

  function init() {
    document.querySelectorAll('input[data-pinyin-slug-url]').forEach(setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
