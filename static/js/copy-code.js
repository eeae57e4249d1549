// Progressive enhancement: without JavaScript, or without the Clipboard API (a page not served
// over HTTPS), the button stays hidden and the code is selected and copied by hand.
(function () {
  "use strict";

  function initCopyCode(block) {
    var field = block.querySelector("[data-copy-code-field]");
    var button = block.querySelector("[data-copy-code-button]");
    var status = block.querySelector("[data-copy-code-status]");
    if (!field || !button || !status || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          status.textContent = "De code is gekopieerd.";
        },
        function () {
          field.focus();
          field.select();
          status.textContent = "Kopiëren lukte niet. De code is geselecteerd: kopieer hem met Ctrl+C (Cmd+C op een Mac).";
        }
      );
    });
  }

  document.querySelectorAll("[data-copy-code]").forEach(initCopyCode);
})();
