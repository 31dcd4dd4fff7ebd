// Compile the Python sources in zip archives (the standard library zip and
// pure-Python wheels) to bytecode with Pyodide's own CPython, run under Node.
//
// Why Pyodide and not the host Python: a .pyc is only valid for the exact
// CPython minor version that wrote it (Pyodide 314 embeds 3.14, the host has
// no 3.14), and the bytecode must come from the same interpreter that will
// load it in the browser.
//
// Usage: node pyodide_compile.mjs <pyodide dir> <jobs.json>
//   jobs.json: {"jobs": [{"kind": "stdlib" | "wheel", "src": path, "dst": path,
//                         "tag": "cp314-none-any" (wheels only),
//                         "docstrings": false (optional: leave docstrings out)}]}
// Prints one JSON line on stdout: {"python": "3.14.2", "jobs": [{...stats}]}.
// Any failure exits non-zero with the Python traceback on stderr.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Runs inside Pyodide. Output is reproducible: fixed zip timestamps and
// unchecked hash-based pycs (PEP 552), so nothing depends on the build time.
const COMPILER = String.raw`
import ast
import base64
import hashlib
import importlib.util
import marshal
import sys
import sysconfig
import zipfile

_MAGIC = importlib.util.MAGIC_NUMBER
_UNCHECKED_HASH = (0b01).to_bytes(4, "little")  # hash-based, source never checked
_EPOCH = (1980, 1, 1, 0, 0, 0)


_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _without_docstrings(tree):
    # Only the docstrings go (their objects' __doc__ becomes None, as under -OO); asserts
    # and __debug__ stay as they are, unlike -OO. A body that was only a docstring
    # becomes "pass" on the docstring's line, so every line number stays the same.
    for node in ast.walk(tree):
        if not isinstance(node, _DOCUMENTED) or not node.body:
            continue
        first = node.body[0]
        if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)):
            node.body = node.body[1:] or [ast.copy_location(ast.Pass(), first)]
    return tree


def _pyc(source, filename, docstrings=True):
    # optimize=0 keeps asserts and __debug__: the runtime must behave exactly like the
    # CPython the tests run on. Docstrings are left out only where asked.
    tree = source if docstrings else _without_docstrings(ast.parse(source, filename))
    code = compile(tree, filename, "exec", dont_inherit=True, optimize=0)
    return _MAGIC + _UNCHECKED_HASH + importlib.util.source_hash(source) + marshal.dumps(code)


def _record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _info(name):
    info = zipfile.ZipInfo(name, _EPOCH)
    if name.endswith("/"):
        info.external_attr = (0o40755 << 16) | 0x10
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _stdlib_prefix():
    for entry in sys.path:
        if entry.endswith(".zip"):
            return entry.rstrip("/") + "/"
    raise RuntimeError("no zip on sys.path to name the standard library after")


def _site_prefix():
    return "/" + sysconfig.get_path("purelib").lstrip("/") + "/"


def compile_archive(kind, src, dst, tag=None, label=None, docstrings=True):
    # co_filename is where the module will live at run time, as if the
    # interpreter had compiled the source there itself (tracebacks read well).
    prefix = _stdlib_prefix() if kind == "stdlib" else _site_prefix()
    label = label or src
    entries = []
    compiled = 0
    dist_info = None
    with zipfile.ZipFile(src) as zin:
        for info in zin.infolist():
            name = info.filename
            if name.endswith(".pyc") or "__pycache__/" in name:
                continue  # stale bytecode from whoever built the archive
            if info.is_dir():
                entries.append((name, None))
                continue
            data = zin.read(info)
            top = name.split("/", 1)[0]
            if kind == "wheel" and top.endswith(".dist-info"):
                dist_info = top
                if name == top + "/RECORD":
                    continue  # rewritten below, once every file is known
                if name == top + "/WHEEL" and tag:
                    lines = data.decode("utf-8").splitlines()
                    lines = [l for l in lines if not l.startswith("Tag:")] + ["Tag: " + tag]
                    data = ("\n".join(lines) + "\n").encode("utf-8")
            if name.endswith(".py"):
                try:
                    data = _pyc(data, prefix + name, docstrings)
                except SyntaxError as exc:
                    raise RuntimeError(f"{label}: {name} does not compile: {exc}") from exc
                # Legacy layout: module.pyc where module.py was, so zipimport
                # and the sourceless file loader find it without the source.
                name += "c"
                compiled += 1
            entries.append((name, data))
    if kind == "wheel":
        if dist_info is None:
            raise RuntimeError(f"{label}: no .dist-info directory")
        record = dist_info + "/RECORD"
        lines = [f"{n},{_record_hash(d)},{len(d)}" for n, d in entries if d is not None]
        lines.append(f"{record},,")
        entries.append((record, ("\n".join(lines) + "\n").encode("utf-8")))
    with zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for name, data in entries:
            zout.writestr(_info(name), b"" if data is None else data)
    return {"src": src, "dst": dst, "compiled": compiled, "entries": len(entries)}
`;

async function main() {
  const [pyodideDir, jobsPath] = process.argv.slice(2);
  if (!pyodideDir || !jobsPath) {
    console.error("usage: node pyodide_compile.mjs <pyodide dir> <jobs.json>");
    process.exit(2);
  }
  const { jobs } = JSON.parse(fs.readFileSync(jobsPath, "utf-8"));
  const indexURL = path.resolve(pyodideDir) + path.sep;
  const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
  // Keep Pyodide's own chatter off stdout: stdout carries the JSON result.
  const pyodide = await loadPyodide({ indexURL, stdout: (m) => console.error(m) });
  pyodide.runPython(COMPILER);
  const compileArchive = pyodide.globals.get("compile_archive");
  const results = [];
  pyodide.FS.mkdirTree("/tmp/compile");
  for (const [i, job] of jobs.entries()) {
    // Bytes cross through Pyodide's in-memory file system: no host mounts.
    const src = `/tmp/compile/in-${i}.zip`;
    const dst = `/tmp/compile/out-${i}.zip`;
    pyodide.FS.writeFile(src, fs.readFileSync(job.src));
    const stats = compileArchive(job.kind, src, dst, job.tag ?? null, path.basename(job.src), job.docstrings ?? true);
    const result = stats.toJs({ dict_converter: Object.fromEntries });
    stats.destroy();
    fs.mkdirSync(path.dirname(path.resolve(job.dst)), { recursive: true });
    fs.writeFileSync(job.dst, pyodide.FS.readFile(dst));
    pyodide.FS.unlink(src);
    pyodide.FS.unlink(dst);
    results.push({ ...result, src: job.src, dst: job.dst });
  }
  compileArchive.destroy();
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  process.stdout.write(JSON.stringify({ python, pyodide: pyodide.version, jobs: results }) + "\n");
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
