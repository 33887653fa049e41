// Draws the model's Mermaid diagram where the page holds its source; without JavaScript the
// source text stays readable.
(function () {
  "use strict";
  if (typeof mermaid === "undefined") { return; }
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
  mermaid.run({ querySelector: "pre.mermaid" });
})();
