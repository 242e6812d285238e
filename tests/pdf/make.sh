#!/usr/bin/env bash
# Makes PDFs whose truth is known, for tests/pdf.rs (never kept in git):
#   make.sh install                 install headless Chromium and LibreOffice Writer (Debian)
#   make.sh chromium IN.html OUT.pdf  print a web page as headless Chromium does
#   make.sh soffice IN.docx OUT.pdf   convert a Word document as LibreOffice does
# An existing OUT newer than IN is kept. Exit 77 when the tools are missing and cannot be
# installed (not root, no apt-get): the tests then skip with that message.
set -euo pipefail

have() { command -v chromium >/dev/null && command -v soffice >/dev/null; }

install() {
  have && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "chromium and soffice are missing and cannot be installed here (needs root and apt-get)" >&2
    exit 77
  fi
  # One installer at a time: the tests run in parallel.
  exec 9>/tmp/nianbao-pdf-tools.lock
  flock 9
  have && return 0
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null
  apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
    chromium libreoffice-writer-nogui fonts-noto-cjk >/dev/null
  have || { echo "installing chromium and libreoffice-writer-nogui failed" >&2; exit 77; }
}

fresh() { [ -s "$2" ] && [ "$2" -nt "$1" ]; }

case "${1:-}" in
  install) install ;;
  chromium)
    install
    fresh "$2" "$3" && exit 0
    profile=$(mktemp -d)
    trap 'rm -rf "$profile"' EXIT
    timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --user-data-dir="$profile" --print-to-pdf="$3.tmp" "file://$(realpath "$2")" >/dev/null 2>&1
    mv "$3.tmp" "$3"
    ;;
  soffice)
    install
    fresh "$2" "$3" && exit 0
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cp "$2" "$work/in.docx"
    # A profile of its own: two LibreOffice conversions at once must not share one.
    timeout 120 soffice -env:UserInstallation="file://$work/profile" --headless \
      --convert-to pdf --outdir "$work" "$work/in.docx" >/dev/null 2>&1
    mv "$work/in.pdf" "$3"
    ;;
  *) echo "usage: make.sh install | chromium IN.html OUT.pdf | soffice IN.docx OUT.pdf" >&2; exit 2 ;;
esac
