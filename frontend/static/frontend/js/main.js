// Enhancements only: the site works fully without this file.
(function () {
  "use strict";
  // Keep the search box filled with the current query when the search page links back here.
  var params = new URLSearchParams(window.location.search);
  var box = document.getElementById("site-search");
  if (box && params.get("q")) {
    box.value = params.get("q");
  }
  // Reveal the currently selected item of a wide navigation bar on narrow screens.
  var current = document.querySelector(".main-nav [aria-current='page']");
  if (current && current.scrollIntoView) {
    current.scrollIntoView({ block: "nearest", inline: "center" });
  }
})();
