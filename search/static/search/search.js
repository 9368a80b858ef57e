// Enhances the plain GET search form: suggestions as you type, facets without a page reload.
// Everything here calls /api/search/; without JavaScript the form and links work as they are.
(function () {
  "use strict";
  // Phones: the facets start folded behind the 筛选 button; wider screens always show them.
  var filters = document.querySelector(".search-filters");
  if (filters && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 48rem)");
    var fold = function () { filters.open = !narrow.matches; };
    fold();
    if (narrow.addEventListener) narrow.addEventListener("change", fold);
  }
  var form = document.querySelector(".search-form");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("search-suggestions");
  var lang = form.getAttribute("data-lang");
  var timer = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  // Title and snippet HTML come escaped from the server with <mark> around matches. They are
  // parsed in an inert document and only their text and <mark> elements are copied over, so
  // no markup from the server ever runs in the page, whatever a backend returned.
  function appendMarked(parent, html) {
    var body = new DOMParser().parseFromString("<body>" + (html || ""), "text/html").body;
    body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") parent.appendChild(el("mark", {}, node.textContent));
      else parent.appendChild(document.createTextNode(node.textContent));
    });
    return parent;
  }

  function hideSuggestions() { list.hidden = true; list.textContent = ""; input.setAttribute("aria-expanded", "false"); }

  function showSuggestions(items) {
    list.textContent = "";
    items.forEach(function (item, i) {
      var li = el("li", { role: "option", id: "search-suggestion-" + i });
      li.appendChild(el("a", { href: item.url }, item.title));
      list.appendChild(li);
    });
    list.hidden = !items.length;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (!q) { hideSuggestions(); return; }
    timer = setTimeout(function () {
      var url = form.getAttribute("data-suggest-api") + "?" + new URLSearchParams({ q: q, lang: lang });
      fetch(url).then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) showSuggestions(data.suggestions); })
        .catch(hideSuggestions);
    }, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideSuggestions();
    if (event.key === "ArrowDown" && !list.hidden) { event.preventDefault(); list.querySelector("a").focus(); }
  });
  list.addEventListener("keydown", function (event) {
    var item = document.activeElement.parentNode;
    if (event.key === "ArrowDown" && item.nextSibling) { event.preventDefault(); item.nextSibling.querySelector("a").focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (item.previousSibling ? item.previousSibling.querySelector("a") : input).focus(); }
    if (event.key === "Escape") { hideSuggestions(); input.focus(); }
  });

  function renderHits(data) {
    var results = document.querySelector(".search-results");
    var hits = results && results.querySelector(".search-hits");
    var summary = results && results.querySelector(".search-summary");
    if (!hits) return false;
    hits.textContent = "";
    hits.setAttribute("start", (data.page - 1) * data.page_size + 1);
    data.results.forEach(function (hit) {
      var li = el("li", { "class": "search-hit" });
      if (hit.image) li.appendChild(el("img", { src: hit.image, alt: "", width: "200", height: "150", loading: "lazy" }));
      var type = el("p", { "class": "search-hit-type" });
      if (hit.pinned) {
        type.appendChild(el("span", { "class": "search-hit-pinned" }, form.getAttribute("data-pinned-label")));
        type.appendChild(document.createTextNode(" "));
      }
      type.appendChild(document.createTextNode(hit.type_label));
      li.appendChild(type);
      var h2 = el("h2"); var a = el("a", { href: hit.url, lang: hit.locale });
      appendMarked(a, hit.title_html);
      h2.appendChild(a); li.appendChild(h2);
      var p = el("p", { "class": "search-hit-snippet", lang: hit.locale });
      li.appendChild(appendMarked(p, hit.snippet)); hits.appendChild(li);
    });
    // "1000+" when the server stopped counting (total_is_estimate).
    var total = data.total + (data.total_is_estimate ? "+" : "");
    if (summary) summary.firstChild.textContent = summary.firstChild.textContent.replace(/\d+\+?/, total);
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".search-facets a[data-facet]");
    if (!link) return;
    var params = new URLSearchParams(link.search);
    params.set("lang", lang);
    fetch(form.getAttribute("data-search-api") + "?" + params)
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        if (!renderHits(data)) { window.location.href = link.href; return; }
        // Facet counts and links change with the filter: take them from the server's page.
        history.pushState({}, "", link.href);
        return fetch(link.href).then(function (r) { return r.text(); }).then(function (html) {
          var next = new DOMParser().parseFromString(html, "text/html").querySelector(".search-facets");
          var current = document.querySelector(".search-facets");
          if (next && current) current.replaceWith(next);
        });
      })
      .catch(function () { window.location.href = link.href; });
    event.preventDefault();
  });
  window.addEventListener("popstate", function () { window.location.reload(); });
})();
