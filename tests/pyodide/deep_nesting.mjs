// Open deeply nested files through the bridge inside the BUILT runtime under Node,
// as the page does (infoshare.bridge.call with the "open" operation), and check
// that Python still answers afterwards.
//
// Usage: node deep_nesting.mjs <runtime dir> <packages,comma,separated> <files.json>
//   files.json: {"<name>": "<file text>", ...}
// Prints one JSON line: {"<name>": {"reply": <bridge reply or "THROW ...">,
//   "after": <reply to a path request made next>, "ms": <time taken>}, ...}
// plus "__request__": the reply to a deeply nested request sent to the bridge itself.

import fs from "node:fs";
import { loadRuntime } from "../../build_scripts/runtime/pyodide_node.mjs";

async function main() {
  const [dir, packages, filesPath] = process.argv.slice(2);
  if (!filesPath) {
    console.error("usage: node deep_nesting.mjs <runtime dir> <packages> <files.json>");
    process.exit(2);
  }
  const { pyodide } = await loadRuntime(dir, packages.split(","));
  const call = pyodide.runPython("import infoshare.bridge\ninfoshare.bridge.call");
  const attempt = (request) => {
    try {
      return call(request);
    } catch (err) {
      return `THROW ${String(err).slice(0, 300)}`;
    }
  };
  const results = {};
  for (const [name, text] of Object.entries(JSON.parse(fs.readFileSync(filesPath, "utf-8")))) {
    const started = performance.now();
    const reply = attempt(JSON.stringify({ op: "open", text }));
    const ms = Math.round(performance.now() - started);
    const after = attempt(JSON.stringify({ op: "path", answers: {} }));
    results[name] = { reply, after, ms };
  }
  const deep = "[".repeat(100000) + "]".repeat(100000);
  results.__request__ = { reply: attempt(deep), after: attempt(JSON.stringify({ op: "path", answers: {} })) };
  call.destroy();
  process.stdout.write(JSON.stringify(results) + "\n");
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
