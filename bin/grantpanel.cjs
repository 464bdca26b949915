#!/usr/bin/env node
// The `grantpanel` command: the built CLI (run `npm run build` once after installing).
require('../dist/cli.cjs');
