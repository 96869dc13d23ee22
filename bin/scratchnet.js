#!/usr/bin/env node
// The scratchnet command. `npm install` compiles the TypeScript sources into dist/ (the
// package's prepare script); run `npm run build` after changing them.
import '../dist/cli/bin.js';
