#!/usr/bin/env bash
# Checks a work summary .docx as an office would before sending it: LibreOffice converts it to PDF
# (proof that it opens and lays out), then
#   - the page count (pdfinfo; CHECK_DOCX_PAGES=N makes it an expectation, checked exactly),
#   - no page holds only the signature (署名) and the date (成文日期): each page has body text
#     besides the organisation, the date and the page number (pdftotext, page by page), and the
#     last page (the last before an attachment that opens with 附件) ends with the organisation and
#     a date written 2014年7月5日,
#   - the font table declares 方正小标宋简体, 仿宋_GB2312, 黑体 and 楷体_GB2312 with GB2312's character
#     set (w:charset 86), the _GB2312 faces and 方正小标宋简体 with a face to fall back on (w:altName),
#   - the text is marked Chinese (w:lang w:eastAsia="zh-CN" in the defaults and on the runs, with
#     the eastAsia hint),
#   - the metadata: the author (dc:creator, cp:lastModifiedBy) is the signing organisation, not
#     "Un-named", and the title (dc:title) is the title on page 1.
#
#   .ci/check-docx.sh FILE.docx [OUTDIR]
#
# The PDF is left in OUTDIR (a new temporary directory when not given) and its path printed.
# Install what it needs on Debian with:
#   apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils unzip
# (without unzip, python3 reads the parts of the file.)
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
command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null \
  || fail "pdfinfo and pdftotext are needed to check the pages (apt-get install -y --no-install-recommends poppler-utils)"
PAGES=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')
[ -n "$PAGES" ] && [ "$PAGES" -gt 0 ] || fail "pdfinfo reads no pages in $PDF"
echo "pages: $PAGES"
pdfinfo "$PDF" | awk '/^Page size:/ {sub(/^Page size: */, ""); print "page size: " $0}'
if [ -n "${CHECK_DOCX_PAGES:-}" ] && [ "$PAGES" != "$CHECK_DOCX_PAGES" ]; then
  fail "$PAGES pages, expected $CHECK_DOCX_PAGES"
fi
if command -v pdffonts >/dev/null; then
  echo "fonts (as substituted on this machine):"
  pdffonts "$PDF" | awk 'NR > 2 {print "  " $1}' | sort -u
fi

# ---- the parts of the .docx ----
part() {
  if command -v unzip >/dev/null; then unzip -p "$FILE" "$1"
  elif command -v python3 >/dev/null; then python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode("utf-8"))' "$FILE" "$1"
  else fail "unzip is needed to read $FILE (apt-get install -y --no-install-recommends unzip)"
  fi
}
xml_text() { sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g'; }
# The text of one element of a part (first occurrence), entities decoded.
element() { part "$1" | tr -d '\n' | grep -o "<$2>[^<]*</$2>" | head -1 | sed -e "s#<$2>##; s#</$2>##" | xml_text; }

CORE_CREATOR=$(element docProps/core.xml dc:creator)
CORE_MODIFIER=$(element docProps/core.xml cp:lastModifiedBy)
CORE_TITLE=$(element docProps/core.xml dc:title)

# ---- pages: no page holds only the signature and the date ----
# Spaces, tabs and full-width spaces (U+3000) out: pdftotext spaces out what it lays out.
nospace() { tr -d ' \t\r\f' | sed -e 's/　//g'; }
page_lines() { pdftotext -f "$1" -l "$1" -layout -enc UTF-8 "$PDF" - | nospace | grep -v '^$' || true; }
DATE_LINE='^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日$'
PAGE_NUMBER_LINE='^[—–-]+[0-9]+[—–-]+$'
# The signing organisation: the author the metadata names, else the line above the last page's date.
ORG=$(printf '%s' "$CORE_CREATOR" | nospace)
if [ -z "$ORG" ] || [ "$ORG" = "Un-named" ]; then
  ORG=$(page_lines "$PAGES" | grep -v -E "$PAGE_NUMBER_LINE" | grep -B1 -E "$DATE_LINE" | tail -2 | head -1)
fi
# A summary with an attachment (附件, a city's table per county) is signed on the page before the
# attachment's first page, which opens with the line 附件.
SIGNED_PAGE=$PAGES
for page in $(seq 2 "$PAGES"); do
  if [ "$(page_lines "$page" | grep -v -E "$PAGE_NUMBER_LINE" | head -1)" = "附件" ]; then SIGNED_PAGE=$((page - 1)); echo "attachment from page $page"; break; fi
done
TITLE_SEEN=0
for page in $(seq 1 "$PAGES"); do
  LINES=$(page_lines "$page")
  BODY=$(printf '%s\n' "$LINES" | grep -v -E "$DATE_LINE" | grep -v -E "$PAGE_NUMBER_LINE" | grep -v -x -F -e "$ORG" | grep -v '^$' || true)
  BODY_LINES=$(printf '%s' "$BODY" | grep -c . || true)
  echo "page $page: $BODY_LINES lines of text besides the signature, date and page number"
  [ "$BODY_LINES" -gt 0 ] || fail "page $page holds only the signature and date (or nothing):
$LINES"
  if [ "$page" = 1 ] && printf '%s' "$LINES" | tr -d '\n' | grep -q -F -e "$(printf '%s' "$CORE_TITLE" | nospace)"; then TITLE_SEEN=1; fi
  if [ "$page" = "$SIGNED_PAGE" ] && [ -n "$ORG" ] && [ "$ORG" != "科管" ]; then
    TAIL=$(printf '%s\n' "$LINES" | grep -v -E "$PAGE_NUMBER_LINE" | tail -2)
    printf '%s\n' "$TAIL" | head -1 | grep -q -x -F -e "$ORG" || fail "the last page does not end with the organisation “$ORG” and the date:
$TAIL"
    printf '%s\n' "$TAIL" | tail -1 | grep -q -E "$DATE_LINE" || fail "the last page does not end with a date written as 2014年7月5日:
$TAIL"
    echo "signature: $(printf '%s' "$TAIL" | tr '\n' ' ')"
  fi
done

# ---- the metadata ----
echo "metadata: title “$CORE_TITLE”, author “$CORE_CREATOR”, last modified by “$CORE_MODIFIER”"
[ -n "$CORE_CREATOR" ] && [ "$CORE_CREATOR" != "Un-named" ] || fail "docProps/core.xml names no author (dc:creator “$CORE_CREATOR”)"
[ "$CORE_MODIFIER" = "$CORE_CREATOR" ] || fail "docProps/core.xml: lastModifiedBy “$CORE_MODIFIER” is not the author “$CORE_CREATOR”"
[ -n "$CORE_TITLE" ] || fail "docProps/core.xml has no title"
[ "$TITLE_SEEN" = 1 ] || fail "page 1 does not show the title “$CORE_TITLE” of docProps/core.xml"

# ---- the font table ----
FONT_TABLE=$(part word/fontTable.xml | tr -d '\n' | sed -e 's#</w:font>#&\n#g')
for spec in '方正小标宋简体|宋体' '仿宋_GB2312|仿宋' '楷体_GB2312|楷体' '黑体|'; do
  name=${spec%%|*}
  alt=${spec#*|}
  entry=$(printf '%s\n' "$FONT_TABLE" | grep -F "<w:font w:name=\"$name\">" || true)
  [ -n "$entry" ] || fail "word/fontTable.xml does not declare $name"
  printf '%s' "$entry" | grep -q -F '<w:charset w:val="86"/>' || fail "word/fontTable.xml: $name has no GB2312 character set (w:charset 86)"
  if [ -n "$alt" ]; then
    printf '%s' "$entry" | grep -q -F "<w:altName w:val=\"$alt\"/>" || fail "word/fontTable.xml: $name does not fall back on $alt (w:altName)"
  fi
done
echo "font table: 方正小标宋简体 (→宋体), 仿宋_GB2312 (→仿宋), 楷体_GB2312 (→楷体), 黑体, all charset 86"

# ---- the language ----
DEFAULTS=$(part word/styles.xml | tr -d '\n' | grep -o '<w:rPrDefault>.*</w:rPrDefault>' || true)
printf '%s' "$DEFAULTS" | grep -q -E '<w:lang [^>]*w:eastAsia="zh-CN"' || fail "word/styles.xml: the default run properties are not marked zh-CN"
DOCUMENT=$(part word/document.xml | tr -d '\n')
RUNS=$(printf '%s' "$DOCUMENT" | grep -o -E '<w:r>|<w:r [^>]*>' | wc -l)
CHINESE_RUNS=$(printf '%s' "$DOCUMENT" | grep -o -E '<w:lang [^>]*w:eastAsia="zh-CN"' | wc -l)
HINTED_RUNS=$(printf '%s' "$DOCUMENT" | grep -o -E '<w:rFonts [^>]*w:hint="eastAsia"' | wc -l)
[ "$RUNS" -gt 0 ] && [ "$CHINESE_RUNS" -ge "$RUNS" ] || fail "word/document.xml: $CHINESE_RUNS of $RUNS runs are marked zh-CN"
[ "$HINTED_RUNS" -ge "$RUNS" ] || fail "word/document.xml: $HINTED_RUNS of $RUNS runs have the eastAsia hint"
echo "language: zh-CN in the defaults and on all $RUNS runs, with the eastAsia hint"
echo "check-docx: OK"
