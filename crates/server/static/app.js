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

  // Badges keep their hidden " unread" text for screen readers.
  function setBadge(selector, count) {
    document.querySelectorAll(selector).forEach(function (badge) {
      var text = badge.firstChild;
      if (text && text.nodeType === 3) text.nodeValue = String(count);
      else badge.insertBefore(document.createTextNode(String(count)), badge.firstChild);
      badge.hidden = count === 0;
    });
  }

  // Web addresses become links, as the server renders them; the rest is text.
  function appendLinkified(parent, text) {
    var pattern = /https?:\/\/\S+/g, last = 0, match;
    while ((match = pattern.exec(text))) {
      var url = match[0].replace(/[.,);:!?]+$/, "");
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a = document.createElement("a");
      a.href = url; a.textContent = url; a.rel = "noopener noreferrer"; a.target = "_blank";
      parent.appendChild(a);
      last = match.index + url.length;
      pattern.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // Times as the server writes them: hours and minutes in the person's zone.
  function formatter(zone, options) {
    options.timeZone = zone || undefined;
    try { return new Intl.DateTimeFormat("en-GB", options); } catch (e) { delete options.timeZone; return new Intl.DateTimeFormat("en-GB", options); }
  }

  // The conversation list follows new messages: order, previews, unread
  // counts, and conversations that did not exist when the page loaded.
  function refreshConversations() {
    var list = document.getElementById("conversation-list");
    if (!list) return;
    var me = list.getAttribute("data-me");
    var zone = (document.getElementById("messages") || list).getAttribute("data-zone");
    var current = (location.pathname.match(/^\/chat\/([0-9a-f-]{36})$/) || [])[1];
    var today = formatter(zone, { year: "numeric", month: "2-digit", day: "2-digit" });
    var hm = formatter(zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var dayFmt = formatter(zone, { weekday: "short", day: "numeric", month: "short" });
    fetch("/api/chat?limit=100", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (page) {
        if (!page) return;
        var items = page.items.map(function (c) {
          var other = c.participants.filter(function (p) { return p.id !== me; })[0] || c.participants[0];
          var li = document.createElement("li");
          li.setAttribute("data-conversation-id", c.id);
          if (c.unreadCount > 0) li.className = "unread";
          var a = document.createElement("a");
          a.href = "/chat/" + c.id;
          if (c.id === current) a.setAttribute("aria-current", "page");
          var img = document.createElement("img");
          img.className = "avatar sm"; img.alt = ""; img.width = 44; img.height = 44;
          img.src = "/api/users/" + other.id + "/photo";
          var preview = document.createElement("span");
          preview.className = "preview";
          var top = document.createElement("p");
          var name = document.createElement("span");
          name.className = "name"; name.textContent = other.name;
          var badge = document.createElement("span");
          badge.className = "badge"; badge.setAttribute("data-unread", "");
          badge.textContent = String(c.unreadCount);
          var hidden = document.createElement("span");
          hidden.className = "visually-hidden"; hidden.textContent = " unread";
          badge.appendChild(hidden);
          badge.hidden = c.unreadCount === 0;
          top.appendChild(name); top.appendChild(document.createTextNode(" ")); top.appendChild(badge);
          var last = document.createElement("p");
          last.className = "small muted"; last.setAttribute("data-last", "");
          last.textContent = c.lastMessage ? c.lastMessage.body.slice(0, 80) : "";
          preview.appendChild(top); preview.appendChild(last);
          var when = document.createElement("time");
          when.className = "small muted"; when.setAttribute("data-when", "");
          if (c.lastMessage) {
            var at = new Date(c.lastMessage.createdAt);
            when.textContent = today.format(at) === today.format(new Date()) ? hm.format(at) : dayFmt.format(at).replace(",", "");
          }
          a.appendChild(img); a.appendChild(preview); a.appendChild(when);
          li.appendChild(a);
          return li;
        });
        list.replaceChildren.apply(list, items);
        var empty = document.getElementById("no-conversations");
        if (empty) empty.hidden = items.length > 0;
      });
  }

  // Live updates for signed-in pages: badges everywhere; on the messenger
  // new messages, "Seen" receipts and the conversation list.
  function live() {
    if (document.body.getAttribute("data-live") !== "on" || !window.WebSocket) return;
    var list = document.getElementById("messages");
    var conversation = list ? list.getAttribute("data-conversation-id") : null;
    var me = list ? list.getAttribute("data-me") : null;
    var zone = list ? list.getAttribute("data-zone") : null;
    var seen = document.getElementById("seen");
    var names = null;
    try { names = list && list.getAttribute("data-names") ? JSON.parse(list.getAttribute("data-names")) : null; } catch (e) { names = null; }
    var socket;
    var hm = formatter(zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var isoDay = formatter(zone, { year: "numeric", month: "2-digit", day: "2-digit" });
    var longDay = formatter(zone, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

    function dayKey(date) {
      var parts = isoDay.formatToParts(date);
      var get = function (t) { return parts.filter(function (p) { return p.type === t; })[0].value; };
      return get("year") + "-" + get("month") + "-" + get("day");
    }

    function appendMessage(message) {
      if (!list || message.conversationId !== conversation) return;
      if (list.querySelector("[data-message-id='" + message.id + "']")) return;
      var at = new Date(message.createdAt);
      var key = dayKey(at);
      var days = list.querySelectorAll("[data-day]");
      var lastDay = days.length ? days[days.length - 1].getAttribute("data-day") : null;
      if (lastDay !== key) {
        var separator = document.createElement("li");
        separator.className = "day-separator";
        separator.setAttribute("data-day", key);
        separator.textContent = longDay.format(at).replace(",", "");
        list.appendChild(separator);
      }
      var item = document.createElement("li");
      item.className = message.senderId === me ? "mine" : "theirs";
      item.setAttribute("data-message-id", message.id);
      // In a group room, say who wrote it.
      if (names && message.senderId !== me) {
        var sender = document.createElement("p");
        sender.className = "small sender";
        sender.textContent = names[message.senderId] || "Someone new";
        item.appendChild(sender);
      }
      var body = document.createElement("p");
      body.className = "body";
      appendLinkified(body, message.body);
      var when = document.createElement("p");
      when.className = "small muted";
      var time = document.createElement("time");
      time.setAttribute("datetime", message.createdAt);
      time.textContent = hm.format(at);
      when.appendChild(time);
      item.appendChild(body);
      item.appendChild(when);
      list.appendChild(item);
      var empty = document.getElementById("empty-thread");
      if (empty) empty.hidden = true;
      list.scrollTop = list.scrollHeight;
      if (message.senderId === me) {
        if (seen) seen.hidden = true;
      } else {
        fetch("/api/chat/" + conversation + "/read", { method: "POST", headers: { "X-CSRF-Token": csrfToken() }, credentials: "same-origin" });
      }
    }

    var reconnecting = false;

    // After a dropped connection, fetch what arrived meanwhile from history.
    function catchUp() {
      refreshConversations();
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
        if (data.type === "message") { appendMessage(data.message); refreshConversations(); }
        if (data.type === "read" && data.conversationId === conversation && data.userId !== me && seen) seen.hidden = false;
        if (data.type === "notification") {
          setBadge("[data-unread-notifications]", typeof data.unreadAlerts === "number" ? data.unreadAlerts : data.unreadNotifications);
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
    if (list) list.scrollTop = list.scrollHeight;

    var form = document.getElementById("chat-form");
    if (!form) return;
    var field = form.querySelector("textarea[name=body]");
    var problem = document.getElementById("body-error");
    // Enter sends, Shift+Enter adds a line (IME composition is left alone).
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (field.value.trim()) form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    });
    function showProblem(text) {
      if (!problem) return;
      problem.textContent = text;
      problem.hidden = !text;
      if (text) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid");
    }
    form.addEventListener("submit", function (event) {
      if (!field.value.trim()) return;
      event.preventDefault();
      var body = { body: field.value };
      if (conversation) body.conversationId = conversation;
      else body.recipientId = form.getAttribute("data-recipient-id");
      fetch("/api/chat", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
        body: JSON.stringify(body)
      }).then(function (response) {
        if (response.status === 201) {
          return response.json().then(function (message) {
            field.value = "";
            showProblem("");
            if (!conversation) { location.href = "/chat/" + message.conversationId; return; }
            appendMessage(message);
            refreshConversations();
          });
        }
        // The draft stays; the reason shows under it.
        return response.json().then(function (error) {
          var detail = error && error.error ? error.error : {};
          var fields = detail.fields ? Object.keys(detail.fields).map(function (k) { return detail.fields[k]; }) : [];
          showProblem(fields.length ? fields[0] : (detail.message || "The message was not sent."));
        }, function () { showProblem("The message was not sent. Try again."); });
      }, function () { showProblem("You seem to be offline; the message was not sent."); });
    });
  }

  // Filter forms that only change what is shown reload on change; their
  // button stays for people without JavaScript.
  function autoSubmit() {
    document.querySelectorAll("form[data-auto-submit]").forEach(function (form) {
      form.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { form.submit(); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    preselectBrowserZone();
    dialogs();
    autoSubmit();
    live();
  });
})();
