// Progressive enhancement for the partner directory: a filter applies as soon as it changes.
// The filters and results are fetched and swapped in place, so focus stays on the control
// just used (not at the top of a reloaded page), and the new count is announced. Without
// scripts, or when the fetch fails, the "Filters toepassen" button submits the form.
(function () {
  "use strict";
  var form = document.querySelector("form.directory");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var status = form.querySelector("[data-filter-status]");
  var parts = [".directory__facets", ".listing__results"];

  form.addEventListener("change", function (event) {
    var control = event.target;
    // Boxes and lists only: a typed place applies with Enter or the button, once complete.
    if (!control.closest(".directory__facets") || !control.matches("[type=checkbox], select")) return;
    var url = form.action.split("?")[0] + "?" + new URLSearchParams(new FormData(form)).toString();
    status.textContent = "Bezig met filteren…";
    fetch(url, { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        parts.forEach(function (selector) {
          form.querySelector(selector).replaceWith(fresh.querySelector(selector));
        });
        window.history.replaceState(null, "", url);
        // The same control, wherever its new count put it.
        var same = form.querySelector(
          "[name='" + CSS.escape(control.name) + "']" +
          (control.type === "checkbox" ? "[value='" + CSS.escape(control.value) + "']" : "")
        );
        if (same) same.focus();
        status.textContent = form.querySelector(".listing__count").textContent;
      })
      .catch(function () {
        form.submit();
      });
  });
})();
