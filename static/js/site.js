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

  // Embedded videos load only after a click: until then the video site learns nothing.
  function initVideo(figure) {
    var player = figure.querySelector("template[data-video-player]");
    var play = figure.querySelector("[data-video-play]");
    if (!player || !play) return;
    play.hidden = false;
    play.addEventListener("click", function () {
      figure.insertBefore(player.content.cloneNode(true), player);
      play.remove();
      var frame = figure.querySelector("iframe");
      if (frame) frame.focus();
    });
  }

  document.querySelectorAll("[data-video]").forEach(initVideo);
})();
