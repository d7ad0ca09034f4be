#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled into dist/ by `npm run build` (run by `npm install` via prepare).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('m1-ops: dist/cli.js is missing; run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(2);
}
require(entry);
