#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('m1-ops-language-server: dist/server.js is missing; run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(2);
}
require(entry);
