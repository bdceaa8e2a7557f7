// The standard library probe's Node side (build_scripts/wizard/stdlib.py runs it): boots the site's
// Pyodide the way the worker does, unpacks the engine and batch sources, writes the samples and the
// recorded answers into its file system and runs stdlib_probe.py there; writes the three zips it made.
//   node stdlib_probe.mjs CONFIG.json ENGINE.zip ITEMS.json OUT.zip BATCH.zip SAMPLES_DIR
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [configFile, engineZip, itemsFile, outFile, batchZip, samplesDir] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, "utf8")); // {pyodide, index, appDir, program, always, codecs}
const { loadPyodide } = await import(pathToFileURL(config.pyodide).href);
try {
  const py = await loadPyodide({ indexURL: config.index, packages: [] });
  const bytes = (path) => new Uint8Array(readFileSync(path));
  py.unpackArchive(bytes(engineZip).buffer, "zip", { extractDir: config.appDir });
  py.unpackArchive(bytes(batchZip).buffer, "zip", { extractDir: "/tmp/batch_src" });
  py.FS.mkdir("/tmp/samples");
  for (const name of readdirSync(samplesDir)) py.FS.writeFile(`/tmp/samples/${name}`, bytes(`${samplesDir}/${name}`));
  py.FS.writeFile("/tmp/items.json", bytes(itemsFile));
  py.FS.writeFile("/tmp/probe.json", JSON.stringify(config));
  py.runPython(readFileSync(config.program, "utf8"));
  writeFileSync(outFile, py.FS.readFile("/tmp/stdlib.zip"));
  writeFileSync(`${outFile}.engine`, py.FS.readFile("/tmp/engine_pyc.zip"));
  writeFileSync(`${outFile}.batch`, py.FS.readFile("/tmp/batch.zip"));
} catch (err) {
  // Not the default report, which prints a line of pyodide.asm.mjs (megabytes).
  console.error(String(err?.stack || err).slice(-4000));
  process.exit(1);
}
