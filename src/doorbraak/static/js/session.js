// Idle-session warning. The server ends a session after SESSION_IDLE seconds without a
// request; two minutes before that, this asks whether to stay logged in.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-session-idle"), 10);
  if (!idle) { return; }
  var warnBefore = Math.min(120, Math.floor(idle / 2));
  var dialog = document.getElementById("session-warning");
  var stay = document.getElementById("session-stay");
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var warnTimer, expireTimer;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(expireTimer);
    warnTimer = setTimeout(warn, (idle - warnBefore) * 1000);
    expireTimer = setTimeout(expire, idle * 1000);
  }
  function warn() {
    if (dialog && typeof dialog.showModal === "function" && !dialog.open) {
      dialog.showModal();
      if (stay) { stay.focus(); }
    }
  }
  function expire() {
    window.location.assign(body.getAttribute("data-expired-url"));
  }
  if (stay) {
    stay.addEventListener("click", function () {
      fetch(body.getAttribute("data-keepalive-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf ? csrf.content : "" }
      }).then(function (response) {
        if (response.ok) {
          if (dialog && dialog.open) { dialog.close(); }
          schedule();
        } else {
          expire();
        }
      });
    });
  }
  schedule();
})();
