#!/usr/bin/env bash
# Print the path of a Python >= 3.12 (pyodide-build and pyodide-lock need it).
# Tries $PYTHON, then python3.13/python3.12/python3 on PATH, then pyenv's versions.
set -u
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.13 python3.12 python3)
root="${PYENV_ROOT:-$HOME/.pyenv}"
command -v pyenv >/dev/null 2>&1 && root=$(pyenv root)
for dir in "$root"/versions/3.1[2-9]*; do
  [ -x "$dir/bin/python3" ] && candidates+=("$dir/bin/python3")
done
for candidate in "${candidates[@]}"; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
    "$path" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
echo "error: Python 3.12 or newer is needed and none was found." >&2
echo "Install it (for example: pyenv install 3.12, or your system's python3.12 package)" >&2
echo "or point PYTHON at it: make PYTHON=/path/to/python3.12 test" >&2
exit 1
