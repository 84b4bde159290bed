#!/usr/bin/env node
// The `edgepress` command. TypeScript sources run through tsx's require hook (no build step).
'use strict';
require('tsx/cjs');
const { runCli } = require('../src/main.ts');

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stdout.isTTY),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`edgepress: internal error: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
