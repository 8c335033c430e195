// boilerbench's long-lived Node extractor process (extractors/node.py starts one per worker).
//
// Protocol, JSON lines: each line on stdin is {"program": "readability" | "defuddle",
// "dom": "jsdom" | "linkedom", "html": "...", "url": "..." | null}; for each, in order, one line
// on stdout: {"content": "<main-content HTML>"} or {"error": "one line"}. The process exits at
// the end of stdin. Page scripts never run: jsdom is used without `runScripts` and loads no
// resources; linkedom runs nothing. Defuddle runs with useAsync false, so it never fetches.
"use strict";

const readline = require("node:readline");

// Libraries that log must not write into the protocol stream.
for (const name of ["log", "info", "warn", "debug"]) {
  console[name] = (...args) => console.error(...args);
}

const parsers = {
  jsdom(html, url) {
    const { JSDOM, VirtualConsole } = require("jsdom");
    const options = { virtualConsole: new VirtualConsole() };
    if (url) options.url = url;
    return new JSDOM(html, options).window.document;
  },
  linkedom(html, url) {
    const { parseHTML } = require("linkedom");
    const { document } = parseHTML(html);
    // What Defuddle's own linkedom set-up adds: the APIs it reads that linkedom lacks.
    if (!document.styleSheets) document.styleSheets = [];
    if (document.defaultView && !document.defaultView.getComputedStyle) {
      document.defaultView.getComputedStyle = () => ({ display: "" });
    }
    if (url) document.URL = url;
    return document;
  },
};

const programs = {
  readability(document) {
    const { Readability } = require("@mozilla/readability");
    const article = new Readability(document).parse();
    return article ? article.content || "" : "";
  },
  defuddle(document, url) {
    const Defuddle = require("defuddle");  // the class itself (its CommonJS main)
    const options = { useAsync: false };
    if (url) options.url = url;
    return new Defuddle(document, options).parse().content || "";
  },
};

function handle(request) {
  const parse = parsers[request.dom];
  const program = programs[request.program];
  if (!parse) return { error: `unknown dom ${JSON.stringify(request.dom)}` };
  if (!program) return { error: `unknown program ${JSON.stringify(request.program)}` };
  const url = request.url || null;
  return { content: program(parse(request.html, url), url) };
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  let reply;
  try {
    reply = handle(JSON.parse(line));
  } catch (error) {
    reply = { error: String((error && error.message) || error).split("\n")[0] };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
lines.on("close", () => process.exit(0));
