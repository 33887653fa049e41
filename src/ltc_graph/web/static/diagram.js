// Draws the model's class diagram when the reader opens it, and only then: mermaid (about a
// megabyte) is loaded at that moment, so the page is usable before it. A link to #diagram
// opens it too. Without JavaScript, or if mermaid fails, the diagram's source stays readable.
// Drawn, it fits the page's width (the whole model at a glance); a button shows it at its own
// size, where its words are readable, in a frame that scrolls.
(function () {
  "use strict";
  var box = document.getElementById("diagram-box");
  if (!box) { return; }
  var status = document.getElementById("diagram-status");
  var words = JSON.parse(document.getElementById("diagram-words").textContent);
  var started = false;

  function failed() {
    status.textContent = words.failed;
    box.setAttribute("data-drawn", "failed");
  }

  function zoomButton(svg) {
    var natural = parseFloat(svg.style.maxWidth);
    if (!natural) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "diagram-zoom";
    function show(actual) {
      svg.style.maxWidth = actual ? "none" : "100%";
      svg.setAttribute("width", actual ? String(natural) : "100%");
      button.textContent = actual ? words.fit : words.actual;
      button.setAttribute("aria-pressed", actual ? "true" : "false");
    }
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-pressed") !== "true");
    });
    show(false);
    box.querySelector(".diagram-frame").before(button);
  }

  function draw() {
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
    mermaid.run({ nodes: box.querySelectorAll("pre.mermaid") }).then(function () {
      box.querySelectorAll("pre.mermaid svg").forEach(zoomButton);
      status.textContent = "";
      box.setAttribute("data-drawn", "yes");
    }, failed);
  }

  function start() {
    if (started || !box.open || !box.dataset.src) { return; }
    started = true;
    status.textContent = words.drawing;
    var script = document.createElement("script");
    script.src = box.dataset.src;
    script.onload = draw;
    script.onerror = failed;
    document.head.appendChild(script);
  }

  function follow() {
    if (location.hash === "#diagram") { box.open = true; }
  }
  box.addEventListener("toggle", start);
  window.addEventListener("hashchange", follow);
  follow();
  start();
})();
