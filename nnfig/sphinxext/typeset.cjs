// Typesets the book's TeX with MathJax 4 in Node, so the built book needs no math script.
//
// One request per line on stdin, one answer per line on stdout, until stdin closes:
// request: {"macros": {name: [body, nargs]}, "items": [[tex, display], ...]}
// answer:  {"html": [...], "defs": "<svg>...</svg>", "css": "...", "errors": [[i, message], ...]}
//          or {"failed": "what went wrong"}
//
// A request is a page. One MathJax document per page with a global glyph cache:
// each glyph's path is written once (in "defs") and every formula refers to it by
// id. One process serves all the pages a Sphinx process typesets (starting MathJax
// is most of a page's time), and each page starts afresh: TeX's labels and numbers
// are reset and the glyph cache emptied, so a page gets what a process of its own
// would give it. The macros are the first request's (the book's own, for all); a
// macro a formula defined itself (\def) would stay, and the book's formulas define none.
const readline = require("readline");
const MathJax = require("mathjax");

let MJ = null;

async function typeset(request) {
  if (MJ === null) {
    MJ = await MathJax.init({
      loader: { load: ["input/tex", "[tex]/html", "output/svg", "a11y/assistive-mml"] },
      tex: { packages: { "[+]": ["html"] }, macros: request.macros },
      svg: { fontCache: "global" },
      startup: { typeset: false },
    });
  }
  MJ.texReset();
  MJ.startup.output.clearFontCache();
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
  return { html, defs, css, errors };
}

async function main() {
  for await (const line of readline.createInterface({ input: process.stdin })) {
    let answer;
    try {
      answer = await typeset(JSON.parse(line));
    } catch (e) {
      answer = { failed: String(e && e.stack ? e.stack : e) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
}

main();
