#!/usr/bin/env node
import('../build/host/cli/main.js').then((m) => m.main(process.argv), (e) => { console.error(`xv6-wasm: not built (${e.code ?? e.message}): run \`npm run build\` first`); process.exit(1); });
