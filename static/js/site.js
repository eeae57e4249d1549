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

  // Sub-menus: disclosure buttons (aria-expanded), opened by click, tap, Enter or Space, never
  // by hover; Escape or a click elsewhere closes them. One open at a time.
  function initSubMenus(nav) {
    var toggles = Array.prototype.slice.call(nav.querySelectorAll("[data-main-nav-sub-toggle]"));
    if (!toggles.length) return;

    function setOpen(toggle, open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function closeAll(except) {
      toggles.forEach(function (toggle) {
        if (toggle !== except) setOpen(toggle, false);
      });
    }

    toggles.forEach(function (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        closeAll(toggle);
        setOpen(toggle, open);
      });
      toggle.parentNode.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
          event.stopPropagation();
          setOpen(toggle, false);
          toggle.focus();
        }
      });
    });

    document.addEventListener("click", function (event) {
      if (!nav.contains(event.target)) closeAll(null);
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

  document.querySelectorAll("[data-main-nav]").forEach(initSubMenus);
})();
