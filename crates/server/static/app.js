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

  document.addEventListener("DOMContentLoaded", preselectBrowserZone);
})();
