// Starts ReDoc on /api/docs/ under the page's CSP.
(function () {
  "use strict";
  var container = document.getElementById("redoc-container");
  var nonce = container.dataset.nonce;

  // The CSP allows <style> elements only with the request's nonce. ReDoc takes the nonce as an
  // option for the styles it writes once started, but its bundle also writes a few while it loads,
  // before any option can reach it: until ReDoc is started, every <style> created gets the nonce.
  var createElement = document.createElement;
  document.createElement = function (tagName) {
    var element = createElement.apply(document, arguments);
    if (String(tagName).toLowerCase() === "style") {
      element.setAttribute("nonce", nonce);
    }
    return element;
  };

  // ReDoc's menu shows its maker's logo from their CDN: the page makes no third-party request (the
  // CSP would refuse it anyway), so that image gets no source and ReDoc drops it.
  function isOurs(url) {
    var parsed = new URL(url, document.baseURI);
    return parsed.origin === window.location.origin || parsed.protocol === "data:";
  }
  var setAttribute = Element.prototype.setAttribute;
  HTMLImageElement.prototype.setAttribute = function (name, value) {
    if (String(name).toLowerCase() === "src" && !isOurs(value)) {
      value = "";
    }
    return setAttribute.call(this, name, value);
  };
  var src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true,
    enumerable: src.enumerable,
    get: src.get,
    set: function (value) {
      src.set.call(this, isOurs(value) ? value : "");
    },
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.createElement = createElement;
    Redoc.init(container.dataset.schemaUrl, { nonce: nonce, expandResponses: "200,201,202" }, container);
  });
})();
