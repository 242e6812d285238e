#!/usr/bin/env bash
# Installs the peer language servers of `cargo bench --bench lsp_peers` (issue 18): rumdl (a
# Markdown linter) and ruff (a Python linter), both from PyPI, into a virtual environment under
# target/ (nothing is installed system-wide). The bench looks for them there, then on PATH.
#
# Usage: scripts/install-lsp-peers.sh [PACKAGE...]   (default: rumdl ruff; pin with rumdl==0.3.0)
# Environment: PYTHON (default python3), CARGO_TARGET_DIR (default target).
set -euo pipefail

cd "$(dirname "$0")/.."
venv=${CARGO_TARGET_DIR:-target}/lsp-peers
python=${PYTHON:-python3}
packages=("$@")
[[ ${#packages[@]} -gt 0 ]] || packages=(rumdl ruff)

command -v "$python" >/dev/null || { echo "install-lsp-peers: $python is needed" >&2; exit 2; }
[[ -x $venv/bin/python ]] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "${packages[@]}"

echo "installed in $venv/bin:"
for tool in rumdl ruff; do
    if [[ -x $venv/bin/$tool ]]; then
        printf '  %s\n' "$("$venv/bin/$tool" --version)"
    fi
done
