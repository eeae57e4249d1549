// Admin search-and-add for long many-to-many lists (core/widgets.py, AutocompleteMultiple).
// The chosen rows are checked checkboxes; this adds a search box whose results are buttons
// that add a row. Enter picks the first result instead of submitting the whole form.
(function () {
  "use strict";

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    var search = root.querySelector("[data-search]");
    var help = root.querySelector("[data-search-help]");
    var results = root.querySelector("[data-results]");
    var chosen = root.querySelector("[data-chosen]");
    var status = root.querySelector("[data-status]");
    var name = root.dataset.name;
    var timer = null;
    var request = 0;
    search.hidden = false;
    help.hidden = false;

    function chosenIds() {
      return Array.prototype.map.call(
        chosen.querySelectorAll("input[type=checkbox]:checked"),
        function (box) { return box.value; }
      );
    }

    function clearResults() {
      results.textContent = "";
    }

    function add(id, label) {
      var existing = chosen.querySelector('input[value="' + id + '"]');
      if (existing) {
        existing.checked = true;
      } else {
        var item = document.createElement("li");
        var labelEl = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = id;
        box.checked = true;
        labelEl.appendChild(box);
        labelEl.appendChild(document.createTextNode(" " + label));
        item.appendChild(labelEl);
        chosen.appendChild(item);
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
      status.textContent = label + " toegevoegd.";
      search.value = "";
      clearResults();
      search.focus();
    }

    function show(found) {
      clearResults();
      var taken = chosenIds();
      var fresh = found.filter(function (row) { return taken.indexOf(String(row.id)) === -1; });
      fresh.forEach(function (row) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary";
        button.textContent = row.label;
        button.setAttribute("aria-label", "Voeg toe: " + row.label);
        button.addEventListener("click", function () { add(String(row.id), row.label); });
        item.appendChild(button);
        results.appendChild(item);
      });
      status.textContent = fresh.length ? fresh.length + " gevonden." : "Niets gevonden.";
    }

    function lookup() {
      var query = search.value.trim();
      if (query.length < 2) {
        clearResults();
        return;
      }
      var mine = ++request;
      fetch(root.dataset.url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (mine === request) show(data.results || []); })
        .catch(function () { status.textContent = "Zoeken lukt nu niet."; });
    }

    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 200);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var first = results.querySelector("button");
        if (first) first.click();
      } else if (event.key === "ArrowDown") {
        var button = results.querySelector("button");
        if (button) {
          event.preventDefault();
          button.focus();
        }
      } else if (event.key === "Escape") {
        clearResults();
      }
    });
  }

  function initAll() {
    document.querySelectorAll("[data-autocomplete-multiple]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
  // Panels that Wagtail adds later (an inline form) bring their own widgets.
  document.addEventListener("w-formset:added", initAll);
})();
