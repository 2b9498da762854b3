/* Start Pagefind's UI on the search page, give its box a visible label, and run ?q= from the header form. */
(function () {
  "use strict";
  var el = document.getElementById("search");
  if (!el) { return; }
  if (typeof window.PagefindUI !== "function") {
    var p = document.createElement("p");
    p.textContent = "Search is not available at the moment. Please browse the news or the practice areas instead.";
    el.appendChild(p);
    return;
  }
  var ui = new window.PagefindUI({ element: "#search", showSubResults: false, showImages: false });
  var input = el.querySelector("input");
  if (input) {
    input.id = "search-terms";
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "search-label";
    label.textContent = "Search for";
    el.parentNode.insertBefore(label, el);
  }
  var q = new URLSearchParams(window.location.search).get("q");
  /* Show the terms in the header box too, so a reader can see and refine what they searched. */
  var headerBox = document.getElementById("site-search-q");
  if (q && headerBox) { headerBox.value = q; }
  if (q) { ui.triggerSearch(q); }
})();
