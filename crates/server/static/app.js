// Small enhancements; every page works without this file.
(function () {
  "use strict";

  // On a fresh sign-up form, preselect the browser's own time zone.
  function preselectBrowserZone() {
    var select = document.querySelector("select[data-default-browser-zone='true']");
    if (!select || !window.Intl) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    // Browsers may report an older alias of the current IANA name.
    var current = { "Asia/Calcutta": "Asia/Kolkata", "Asia/Saigon": "Asia/Ho_Chi_Minh",
      "Asia/Katmandu": "Asia/Kathmandu", "Europe/Kiev": "Europe/Kyiv", "Asia/Rangoon": "Asia/Yangon" };
    zone = current[zone] || zone;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) {
        select.value = zone;
        return;
      }
    }
  }

  // "Request Mini Session" opens its dialog in place; without JavaScript
  // the link shows the same form on its own page.
  function dialogs() {
    document.querySelectorAll("[data-open-dialog]").forEach(function (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-open-dialog"));
      if (!dialog || typeof dialog.showModal !== "function") return;
      opener.addEventListener("click", function (event) {
        event.preventDefault();
        if (!dialog.open) dialog.showModal();
        var first = dialog.querySelector("input:not([type=hidden]), textarea, select");
        if (first) first.focus();
      });
    });
    document.querySelectorAll("[data-close-dialog]").forEach(function (closer) {
      closer.addEventListener("click", function () {
        var dialog = closer.closest("dialog");
        if (!dialog) return;
        if (dialog.classList.contains("inline-dialog")) {
          window.location.href = window.location.pathname;
        } else {
          dialog.close();
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    preselectBrowserZone();
    dialogs();
  });
})();
