// Render every Mermaid diagram of the page with the vendored mermaid.min.js (loaded before this).
// Light or dark, as the theme is; rendered again when the reader switches the theme.
(function () {
  function theme() {
    return document.documentElement.dataset.theme === "dark" ? "dark" : "default";
  }
  function render() {
    document.querySelectorAll("pre.mermaid, div.mermaid").forEach(function (el) {
      if (!el.dataset.source) el.dataset.source = el.textContent;
      el.removeAttribute("data-processed");
      el.innerHTML = "";
      el.textContent = el.dataset.source;
    });
    window.mermaid.initialize({ startOnLoad: false, theme: theme() });
    return window.mermaid.run({ querySelector: ".mermaid" });
  }
  document.addEventListener("DOMContentLoaded", function () {
    render();
    var last = theme();
    new MutationObserver(function () {
      if (theme() !== last) {
        last = theme();
        render();
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  });
})();
