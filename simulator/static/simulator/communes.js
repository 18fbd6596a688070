// Progressive enhancement of the commune fields: as the person types a postcode or a name, the list
// of matching communes (COG 2026) is filled in. Without JavaScript the "Chercher" button does it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-communes-endpoint]");
  if (!form) { return; }
  var input = form.querySelector("input[name=commune_query]");
  var select = form.querySelector("select[data-communes-select]");
  if (!input || !select) { return; }
  var timer = null;
  function fill(communes) {
    var current = select.value;
    while (select.options.length > 1) { select.remove(1); }
    communes.forEach(function (commune) {
      var label = commune.nom + " (" + commune.codes_postaux.slice(0, 3).join(", ") + ")";
      select.add(new Option(label, commune.code, false, commune.code === current));
    });
    if (communes.length === 1) { select.value = communes[0].code; }
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 2) { return; }
    timer = setTimeout(function () {
      var url = form.getAttribute("data-communes-endpoint") + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { communes: [] }; })
        .then(function (body) { fill(body.communes); })
        .catch(function () { /* the "Chercher" button still works */ });
    }, 250);
  });
})();
