// Links with data-confirm-dialog open the <dialog> they name instead of the
// confirmation page they point at (lms/core/templates/core/confirm_dialog.html).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-confirm-dialog]");
    if (trigger) {
      var dialog = document.getElementById(trigger.getAttribute("data-confirm-dialog"));
      if (dialog && typeof dialog.showModal === "function") {
        event.preventDefault();
        dialog.showModal();
      }
      return;
    }
    var close = event.target.closest("[data-confirm-close]");
    if (close) {
      close.closest("dialog").close();
    }
  });
})();
