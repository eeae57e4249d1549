// Progressive enhancement only: without JavaScript the menu is simply always open.
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  function initMainNav(nav) {
    var toggle = nav.querySelector("[data-main-nav-toggle]");
    var list = nav.querySelector(".main-nav__list");
    if (!toggle || !list) return;
    toggle.hidden = false;

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }

    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      setOpen(open);
      if (open) {
        var first = list.querySelector("a");
        if (first) first.focus();
      }
    });

    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  document.querySelectorAll("[data-main-nav]").forEach(initMainNav);
})();
