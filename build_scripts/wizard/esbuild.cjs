// esbuild (wizard/node_modules, pinned) run by build_scripts/wizard/scripts.py from wizard/: the build
// options as JSON in argv[2], every output file's text out on standard output ({file name: text}),
// nothing written to disk.
const esbuild = require(require.resolve("esbuild", { paths: [process.cwd()] }));
const path = require("node:path");

const result = esbuild.buildSync(JSON.parse(process.argv[2]));
const out = {};
for (const f of result.outputFiles) out[path.basename(f.path)] = f.text;
process.stdout.write(JSON.stringify(out));
