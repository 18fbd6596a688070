// Live progress of a fetch, source by source: polls the run's state until it is done.
(function () {
  "use strict";
  var root = document.getElementById("fetch-progress");
  if (!root) { return; }
  var labels = {
    pending: "en attente",
    ok: "données reçues",
    not_found: "aucun dossier",
    error: "ne répond pas, dernières données conservées",
    skipped: "non interrogé pour le moment"
  };
  function update(body) {
    Object.keys(body.progress).forEach(function (code) {
      var badge = root.querySelector('[data-source="' + code + '"] [data-state]');
      var state = body.progress[code].state;
      if (badge && badge.getAttribute("data-state") !== state) {
        badge.setAttribute("data-state", state);
        badge.textContent = labels[state] || state;
      }
    });
    if (body.status === "done") {
      root.setAttribute("data-status", "done");
      document.getElementById("fetch-done").hidden = false;
      return true;
    }
    return false;
  }
  function poll() {
    fetch(root.getAttribute("data-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (body) { if (!update(body)) { window.setTimeout(poll, 500); } })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (root.getAttribute("data-status") !== "done") { poll(); }
})();
