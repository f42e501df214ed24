#!/usr/bin/env node
'use strict';
// The CLI is compiled TypeScript; `npm ci` (prepare) and `npm start` build it into dist/.
const path = require('node:path');
const fs = require('node:fs');
const dist = path.join(__dirname, '..', 'dist', 'src', 'cli');
const entry = path.join(dist, 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('giftbot is not built yet: run `npm run build` (npm ci does it for you).\n');
  process.exit(1);
}
// ./.env first, before anything reads a setting; the environment wins over it (see env-file.ts).
try {
  require(path.join(dist, 'env-file.js')).loadEnvFile(process.cwd());
} catch (err) {
  process.stderr.write(`giftbot: ${err instanceof Error ? err.message : String(err)}\ngiftbot did not start.\n`);
  process.exit(1);
}
require(entry).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`giftbot: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
