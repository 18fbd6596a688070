// A what-if computed by a worker: polls its state, shows the result when stored. Gives up after
// about two minutes with a message (the worker may be down); the page still works without script.
(function () {
  "use strict";
  var root = document.getElementById("whatif-progress");
  if (!root) { return; }
  var deadline = Date.now() + 120000;
  function stop(text) {
    root.querySelector("[role=status]").textContent = text;
  }
  function poll() {
    if (Date.now() > deadline) {
      stop("Le calcul prend plus de temps que prévu. Actualisez la page dans un moment.");
      return;
    }
    fetch(root.getAttribute("data-status-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.state === "pending") { window.setTimeout(poll, 500); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
})();
