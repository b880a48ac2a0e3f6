// Typesets a page's TeX with MathJax 4 in Node, so the built book needs no math script.
//
// stdin:  {"macros": {name: [body, nargs]}, "items": [[tex, display], ...]}
// stdout: {"html": [...], "defs": "<svg>...</svg>", "css": "...", "errors": [[i, message], ...]}
//
// One MathJax document per page with a global glyph cache: each glyph's path is
// written once (in "defs") and every formula refers to it by id.
const MathJax = require("mathjax");

function read(stream) {
  return new Promise((resolve) => {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

async function main() {
  const request = JSON.parse(await read(process.stdin));
  const MJ = await MathJax.init({
    loader: { load: ["input/tex", "[tex]/html", "output/svg", "a11y/assistive-mml"] },
    tex: { packages: { "[+]": ["html"] }, macros: request.macros },
    svg: { fontCache: "global" },
    startup: { typeset: false },
  });
  const adaptor = MJ.startup.adaptor;
  const html = [];
  const errors = [];
  // One at a time, with promises: a glyph outside the core font loads its data first.
  for (const [i, [tex, display]] of request.items.entries()) {
    const node = await MJ.tex2svgPromise(tex, { display });
    const error = adaptor.getAttribute(adaptor.firstChild(node), "data-mjx-error");
    if (error || adaptor.outerHTML(node).includes('data-mml-node="merror"')) {
      errors.push([i, error || "TeX error"]);
    }
    html.push(adaptor.outerHTML(node));
  }
  const defs = adaptor.outerHTML(MJ.startup.output.fontCache.getCache());
  const css = adaptor.textContent(MJ.svgStylesheet());
  process.stdout.write(JSON.stringify({ html, defs, css, errors }));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
