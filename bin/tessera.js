#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
import('../dist/cli/index.js')
  .then((m) => m.main(process.argv))
  .catch((err) => {
    process.stderr.write(`tessera: ${err?.message ? err.message : String(err)}\n`);
    process.exit(2);
  });
