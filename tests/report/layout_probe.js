// Injected by report_chromium.sh into a copy of a report (the report itself has no script):
// measures the page and finds labels a reader could not read. Writes its findings as lines into
// <pre id="layout-probe">, which --dump-dom prints:
//   HEIGHT <px>          the page's height with every details element closed (as it opens)
//   CLIPPED <what>       an SVG text reaching outside its SVG (cut off by the viewport)
//   OVERLAP <a> | <b>    two SVG texts of one chart drawn over each other
//   OVERFLOW <what>      an HTML element wider than its box, or the page wider than the window
(function () {
  const out = [];
  const name = (el) => (el.textContent || "").trim().slice(0, 60);
  out.push("HEIGHT " + document.documentElement.scrollHeight);
  document.querySelectorAll("details").forEach((d) => (d.open = true));
  const tol = 0.75;
  document.querySelectorAll("main svg").forEach((svg, si) => {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) return;
    const texts = Array.from(svg.querySelectorAll("text")).map((t) => [t, t.getBoundingClientRect()]);
    for (const [t, r] of texts) {
      if (r.width === 0) continue;
      if (r.left < box.left - tol || r.right > box.right + tol || r.top < box.top - tol ||
          r.bottom > box.bottom + tol)
        out.push("CLIPPED chart " + si + ": '" + name(t) + "'");
    }
    for (let i = 0; i < texts.length; ++i)
      for (let j = i + 1; j < texts.length; ++j) {
        const a = texts[i][1], b = texts[j][1];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1)
          out.push("OVERLAP chart " + si + ": '" + name(texts[i][0]) + "' | '" + name(texts[j][0]) + "'");
      }
  });
  document.querySelectorAll("main *").forEach((el) => {
    if (el.closest("svg") || el.closest(".wide")) return;
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible" &&
        el.clientWidth > 0)
      out.push("OVERFLOW <" + el.tagName.toLowerCase() + "> '" + name(el) + "' " +
               el.scrollWidth + " > " + el.clientWidth);
  });
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    out.push("OVERFLOW page " + document.documentElement.scrollWidth + " > " + window.innerWidth);
  const pre = document.createElement("pre");
  pre.id = "layout-probe";
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
})();
