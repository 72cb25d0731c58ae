#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled to build/ by `npm run build:cli`.
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
