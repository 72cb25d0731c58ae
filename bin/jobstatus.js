#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled to build/ by `npm run build:cli`.
// exceljs's Node entry loads its streaming reader and writer (unzipper, archiver: about 0.3 s of
// every start) though jobstatus never streams; they are loaded on first use instead.
try {
  const Module = require("node:module");
  for (const id of ["exceljs/lib/stream/xlsx/workbook-reader.js", "exceljs/lib/stream/xlsx/workbook-writer.js"]) {
    const file = require.resolve(id);
    const stub = new Module(file, module);
    const real = () => {
      delete require.cache[file];
      return require(file);
    };
    stub.filename = file;
    stub.loaded = true;
    stub.exports = function LazyStream(...args) {
      return new (real())(...args);
    };
    require.cache[file] = stub;
  }
} catch {
  // exceljs laid out otherwise: it loads them itself.
}
let main;
try {
  ({ main } = require("../build/cli/main.js"));
} catch (e) {
  process.stderr.write("jobstatus er ikke bygget. Kør først: npm run build\n");
  process.exit(2);
}
// A reader that stops early (`jobstatus … | head`) is not an error of ours.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(0);
});
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(2),
);
