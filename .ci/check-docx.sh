#!/usr/bin/env bash
# Converts a .docx to PDF with LibreOffice to prove that it opens and lays out, and prints the page
# count. Fails loudly when LibreOffice is missing, the conversion fails or the PDF is empty.
#
#   .ci/check-docx.sh FILE.docx [OUTDIR]
#
# The PDF is left in OUTDIR (a new temporary directory when not given) and its path printed.
# Install what it needs on Debian with:
#   apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils
# (poppler-utils is optional: without pdfinfo only the PDF's size is printed.)
# The fonts the file names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) are usually not installed on
# a CI machine: LibreOffice substitutes them (fonts-noto-cjk), so the page count can differ slightly
# from Word's with the real fonts.
set -euo pipefail

fail() { printf '\ncheck-docx FAILED: %s\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 FILE.docx [OUTDIR]" >&2; exit 2; }
FILE=$1
SOFFICE=$(command -v libreoffice || command -v soffice || true)
[ -n "$SOFFICE" ] || fail "LibreOffice is not installed (apt-get install -y --no-install-recommends libreoffice-writer-nogui)"
[ -f "$FILE" ] || fail "no such file: $FILE"
[ -s "$FILE" ] || fail "empty file: $FILE"
# A .docx is a zip: LibreOffice would happily lay out anything else as plain text.
[ "$(head -c 2 "$FILE")" = "PK" ] || fail "$FILE is not a .docx (not a zip archive)"

OUTDIR=${2:-$(mktemp -d "${TMPDIR:-/tmp}/check-docx.XXXXXX")}
mkdir -p "$OUTDIR"
# A profile of its own: no clash with a LibreOffice already running, nothing left in $HOME.
PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/check-docx-profile.XXXXXX")
trap 'rm -rf "$PROFILE"' EXIT

PDF="$OUTDIR/$(basename "${FILE%.*}").pdf"
rm -f "$PDF"
START=$(date +%s)
set +e
timeout "${CHECK_DOCX_TIMEOUT:-180}" "$SOFFICE" -env:UserInstallation="file://$PROFILE" \
  --headless --norestore --infilter="MS Word 2007 XML" --convert-to pdf --outdir "$OUTDIR" "$FILE" \
  >"$OUTDIR/soffice.log" 2>&1
RC=$?
set -e
SECS=$(( $(date +%s) - START ))
if [ $RC -ne 0 ]; then
  cat "$OUTDIR/soffice.log" >&2
  [ $RC -eq 124 ] && fail "LibreOffice timed out after ${CHECK_DOCX_TIMEOUT:-180}s converting $FILE"
  fail "LibreOffice exited with $RC converting $FILE"
fi
# LibreOffice can exit 0 without writing anything: the PDF itself is the proof.
if [ ! -f "$PDF" ]; then cat "$OUTDIR/soffice.log" >&2; fail "LibreOffice produced no PDF ($PDF)"; fi
[ -s "$PDF" ] || fail "LibreOffice produced an empty PDF ($PDF)"
head -c 5 "$PDF" | grep -q '^%PDF-' || fail "$PDF is not a PDF"

SIZE=$(wc -c <"$PDF" | tr -d ' ')
echo "docx: $FILE"
echo "pdf:  $PDF ($SIZE bytes, converted in ${SECS}s)"
if command -v pdfinfo >/dev/null; then
  PAGES=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')
  [ -n "$PAGES" ] && [ "$PAGES" -gt 0 ] || fail "pdfinfo reads no pages in $PDF"
  echo "pages: $PAGES"
  pdfinfo "$PDF" | awk '/^Page size:/ {sub(/^Page size: */, ""); print "page size: " $0}'
  if command -v pdffonts >/dev/null; then
    echo "fonts (as substituted on this machine):"
    pdffonts "$PDF" | awk 'NR > 2 {print "  " $1}' | sort -u
  fi
else
  echo "pages: unknown (pdfinfo not installed: apt-get install poppler-utils)"
fi
