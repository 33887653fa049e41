// Starts YASGUI on the query page: this endpoint only, the project's prefixes, canned queries
// as one-click examples. Without YASGUI (or without JavaScript) the plain form still works.
(function () {
  "use strict";
  var holder = document.getElementById("yasgui");
  if (!holder || typeof Yasgui === "undefined") { return; }
  var config = JSON.parse(document.getElementById("editor-config").textContent);
  document.getElementById("plain-form").hidden = true;
  if (Yasgui.Yasqe) {
    // Complete prefixes from this server; no completer that asks a remote service (LOV).
    Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
    Yasgui.Yasqe.defaults.prefixCcApi = config.prefixes;
  }
  var yasgui = new Yasgui(holder, {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    yasqe: {
      value: config.query,
      prefixCcApi: config.prefixes,
      autocompleters: ["prefixes", "variables"]
    }
  });
  document.querySelectorAll("[data-canned]").forEach(function (button) {
    button.addEventListener("click", function () {
      var tab = yasgui.getTab();
      tab.setQuery(config.canned[button.getAttribute("data-canned")]);
      tab.query();
    });
  });
  window.ltcEditor = yasgui;
})();
