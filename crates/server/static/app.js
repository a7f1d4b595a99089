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

  function csrfToken() {
    var meta = document.querySelector("meta[name='csrf-token']");
    return meta ? meta.getAttribute("content") : "";
  }

  function setBadge(selector, count) {
    document.querySelectorAll(selector).forEach(function (badge) {
      badge.textContent = String(count);
      badge.hidden = count === 0;
    });
  }

  // Live updates for signed-in pages: unread counts everywhere, and on a
  // conversation page new messages and "Seen" receipts without reloading.
  function live() {
    if (document.body.getAttribute("data-live") !== "on" || !window.WebSocket) return;
    var list = document.getElementById("messages");
    var conversation = list ? list.getAttribute("data-conversation-id") : null;
    var me = list ? list.getAttribute("data-me") : null;
    var seen = document.getElementById("seen");
    var socket;

    function appendMessage(message) {
      if (!list || message.conversationId !== conversation) return;
      if (list.querySelector("[data-message-id='" + message.id + "']")) return;
      var item = document.createElement("li");
      item.className = message.senderId === me ? "mine" : "theirs";
      item.setAttribute("data-message-id", message.id);
      var body = document.createElement("p");
      body.className = "body";
      body.textContent = message.body;
      var when = document.createElement("p");
      when.className = "small muted";
      var time = document.createElement("time");
      time.setAttribute("datetime", message.createdAt);
      time.textContent = new Date(message.createdAt).toLocaleString([], { timeZone: list.getAttribute("data-zone") || undefined, timeZoneName: "short" });
      when.appendChild(time);
      item.appendChild(body);
      item.appendChild(when);
      list.appendChild(item);
      item.scrollIntoView({ block: "end" });
      if (message.senderId === me) {
        if (seen) seen.hidden = true;
      } else {
        fetch("/api/chat/" + conversation + "/read", { method: "POST", headers: { "X-CSRF-Token": csrfToken() }, credentials: "same-origin" });
      }
    }

    var reconnecting = false;

    // After a dropped connection, fetch what arrived meanwhile from history.
    function catchUp() {
      if (!conversation) return;
      fetch("/api/chat/" + conversation + "/messages?limit=50", { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (page) { page.items.slice().reverse().forEach(appendMessage); });
    }

    function connect() {
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      socket = new WebSocket(scheme + location.host + "/api/ws");
      socket.addEventListener("open", function () {
        if (conversation) socket.send(JSON.stringify({ type: "viewing", conversationId: conversation }));
        if (reconnecting) catchUp();
      });
      socket.addEventListener("message", function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (e) { return; }
        if (data.type === "message") appendMessage(data.message);
        if (data.type === "read" && data.conversationId === conversation && data.userId !== me && seen) seen.hidden = false;
        if (data.type === "notification") {
          setBadge("[data-unread-notifications]", data.unreadNotifications);
          setBadge("[data-unread-messages]", data.unreadMessages);
        }
      });
      // Reconnect after a drop; the page's history fills any gap on reload.
      socket.addEventListener("close", function () {
        reconnecting = true;
        setTimeout(connect, 2000);
      });
    }
    connect();
    if (conversation) {
      setInterval(function () {
        if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: "viewing", conversationId: conversation }));
      }, 30000);
    }

    var form = document.getElementById("chat-form");
    if (form && conversation) {
      form.addEventListener("submit", function (event) {
        var field = form.querySelector("textarea[name=body]");
        if (!field.value.trim()) return;
        event.preventDefault();
        fetch("/api/chat", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
          body: JSON.stringify({ conversationId: conversation, body: field.value })
        }).then(function (response) {
          if (response.status === 201) {
            return response.json().then(function (message) { appendMessage(message); field.value = ""; });
          }
          form.submit();
        });
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    preselectBrowserZone();
    dialogs();
    live();
  });
})();
