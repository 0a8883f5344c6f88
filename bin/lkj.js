#!/usr/bin/env node
// Built by `npm run build` (run by `npm ci` through `prepare`).
import '../dist/cli/main.js';
