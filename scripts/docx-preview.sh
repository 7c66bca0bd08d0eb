#!/usr/bin/env bash
# Renders each page of a .docx to a PNG, to look at the layout without Word:
#
#   npm run docx:preview FILE.docx [OUTDIR]        (or bash scripts/docx-preview.sh …)
#
# LibreOffice converts the file to PDF, pdftoppm draws each page at 60 dpi (an A4 page is 496 × 702
# pixels): OUTDIR/NAME.pdf and OUTDIR/NAME-1.png, NAME-2.png, … (OUTDIR is a new temporary
# directory when not given). Set DOCX_PREVIEW_DPI for sharper pages.
# Needs, on Debian: apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils
# The fonts the summary names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) are seldom installed on
# Linux: LibreOffice substitutes them (fonts-noto-cjk), so lines can break a little differently
# from Word with the real fonts.
set -euo pipefail

fail() { printf 'docx-preview: %s\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: npm run docx:preview FILE.docx [OUTDIR]" >&2; exit 2; }
# npm runs scripts in the project directory: relative paths are the caller's (INIT_CWD).
from_caller() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "${INIT_CWD:-$PWD}" "$1" ;; esac; }
FILE=$(from_caller "$1")
[ -f "$FILE" ] || fail "no such file: $FILE"
[ "$(head -c 2 "$FILE")" = "PK" ] || fail "$FILE is not a .docx (not a zip archive)"
SOFFICE=$(command -v libreoffice || command -v soffice || true)
[ -n "$SOFFICE" ] || fail "LibreOffice is not installed (apt-get install -y --no-install-recommends libreoffice-writer-nogui)"
command -v pdftoppm >/dev/null || fail "pdftoppm is not installed (apt-get install -y --no-install-recommends poppler-utils)"

if [ $# -ge 2 ]; then OUTDIR=$(from_caller "$2"); else OUTDIR=$(mktemp -d "${TMPDIR:-/tmp}/docx-preview.XXXXXX"); fi
mkdir -p "$OUTDIR"
# A profile of its own: no clash with a LibreOffice already running, nothing left in $HOME.
PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/docx-preview-profile.XXXXXX")
trap 'rm -rf "$PROFILE"' EXIT

NAME=$(basename "${FILE%.*}")
PDF="$OUTDIR/$NAME.pdf"
rm -f "$PDF" "$OUTDIR/$NAME"-*.png
timeout "${DOCX_PREVIEW_TIMEOUT:-180}" "$SOFFICE" -env:UserInstallation="file://$PROFILE" \
  --headless --norestore --infilter="MS Word 2007 XML" --convert-to pdf --outdir "$OUTDIR" "$FILE" \
  >"$OUTDIR/soffice.log" 2>&1 || { cat "$OUTDIR/soffice.log" >&2; fail "LibreOffice could not convert $FILE"; }
[ -s "$PDF" ] || { cat "$OUTDIR/soffice.log" >&2; fail "LibreOffice produced no PDF ($PDF)"; }

pdftoppm -png -r "${DOCX_PREVIEW_DPI:-60}" "$PDF" "$OUTDIR/$NAME"
echo "pdf: $PDF"
ls -1 "$OUTDIR/$NAME"-*.png | sort -V
