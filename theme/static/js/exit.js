/* Exit this page: leave at once on click, or on Shift pressed three times (each within 5 s). */
(function () {
  "use strict";
  var link = document.querySelector("[data-exit-this-page]");
  if (!link) { return; }
  var url = link.getAttribute("href");
  var presses = 0;
  var timer = null;
  var modified = false;

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.classList.add("is-exiting");
    window.location.replace(url);
  }
  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) { modified = false; }
    } else {
      modified = true;  /* Shift used with another key, or another key alone */
      reset();
    }
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || modified) { return; }
    presses += 1;
    if (timer) { clearTimeout(timer); }
    if (presses >= 3) { reset(); leave(); return; }
    timer = setTimeout(reset, 5000);
  });

  var hint = document.querySelector("[data-exit-hint]");
  if (hint) { hint.hidden = false; }
  /* A page restored from the back/forward cache must not stay blank. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { document.documentElement.classList.remove("is-exiting"); }
  });
})();
