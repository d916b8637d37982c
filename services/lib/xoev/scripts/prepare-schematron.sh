#!/usr/bin/env bash
# Prepares the Schematron compiler of @amtsbote/xoev on a fresh machine, reproducibly:
#
#   1. resolves SchXslt (David Maus' XSLT implementation of ISO Schematron, MIT licence) from Maven
#      Central with `mvn dependency:copy`, pinned to one version and checked against a pinned SHA-256;
#   2. unpacks its XSLT 2.0 pipeline (include → expand → compile to an SVRL-reporting validator);
#   3. compiles that pipeline once with SaxonJS' own compiler (xslt3 -export -nogo) into a SEF file,
#      which SaxonJS runs in-process to turn a .sch file into a validating stylesheet.
#
# Nothing here is hand-written XSLT: the Schematron rules stay the publisher's .sch files, the
# compiler is SchXslt as released. The engine (src/schematron-*.ts) compiles each .sch once per
# machine into <cache>/compiled/ and reuses it; only this script needs Maven and the network.
#
#   prepare-schematron.sh [--force] [--compile FILE.sch ...]
#
# CACHE defaults to <repo>/.cache/schematron (git-ignored). --compile also compiles the given .sch
# files into the cache now (e.g. the XBau rules, ~30 s each), so that a service's first start does
# not; it runs the engine from services/lib/xoev/dist, so build first.
set -euo pipefail

SCHXSLT_VERSION=1.10.1
SCHXSLT_SHA256=4f4f21edab7b37f96ad59ae12a344d3510f1092ac46b6d81a4efa0120b73cb58

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
CACHE="${SCHEMATRON_CACHE_DIR:-$ROOT/.cache/schematron}"
TARGET="$CACHE/schxslt-$SCHXSLT_VERSION"
SEF="$TARGET/pipeline-for-svrl.sef.json"

log() { echo "schematron: $*"; }
die() { echo "schematron: ERROR: $*" >&2; exit 1; }

FORCE=0
COMPILE=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --force) FORCE=1 ;;
    --compile) shift; while [[ $# -gt 0 && "$1" != --* ]]; do COMPILE+=("$(realpath "$1")"); shift; done; continue ;;
    *) die "unknown argument: $1" ;;
  esac
  shift
done

compile_requested() {
  [[ ${#COMPILE[@]} -eq 0 ]] && return
  local dist="$ROOT/services/lib/xoev/dist/index.js"
  [[ -f "$dist" ]] || die "--compile runs the engine from $dist: build first (npm run build)"
  SCHEMATRON_CACHE_DIR="$CACHE" node --input-type=module -e '
    const { compileSchematron } = await import(process.argv[1]);
    for (const schematronFile of process.argv.slice(2)) {
      const started = Date.now();
      const result = await compileSchematron({ schematronFile, cacheDir: process.env.SCHEMATRON_CACHE_DIR });
      console.log(`schematron: ${result.compiled ? "compiled" : "cached"} ${schematronFile} -> ${result.sefFile} (${Date.now() - started} ms)`);
    }' "$dist" "${COMPILE[@]}"
}

if [[ $FORCE -eq 0 && -s "$SEF" ]]; then
  log "SchXslt $SCHXSLT_VERSION is prepared ($SEF)"
  compile_requested
  exit 0
fi

command -v mvn >/dev/null || die "Maven (mvn) is needed to resolve SchXslt from Maven Central"
command -v node >/dev/null || die "Node.js is needed to compile the SchXslt pipeline"
XSLT3="$(cd "$ROOT" && node -p "require.resolve('xslt3/xslt3.js')" 2>/dev/null)" ||
  die "the npm package xslt3 is missing: run npm ci"

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock -w 300 9 || die "another prepare-schematron.sh holds $CACHE/.lock"
# A concurrent run (two test files on a fresh machine) may have prepared it while we waited.
if [[ $FORCE -eq 0 && -s "$SEF" ]]; then
  log "SchXslt $SCHXSLT_VERSION is prepared ($SEF)"
  compile_requested
  exit 0
fi

WORK="$(mktemp -d "$CACHE/.prepare.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

log "resolving name.dmaus.schxslt:schxslt:$SCHXSLT_VERSION from Maven Central"
mvn -q -B dependency:copy \
  -Dartifact="name.dmaus.schxslt:schxslt:$SCHXSLT_VERSION:jar" \
  -DoutputDirectory="$WORK" -Dmdep.overWriteReleases=true >/dev/null
JAR="$WORK/schxslt-$SCHXSLT_VERSION.jar"
ACTUAL="$(sha256sum "$JAR" | cut -d' ' -f1)"
[[ "$ACTUAL" == "$SCHXSLT_SHA256" ]] || die "SHA-256 of $JAR is $ACTUAL, expected $SCHXSLT_SHA256"

log "unpacking the XSLT 2.0 pipeline"
mkdir -p "$WORK/jar"
if command -v unzip >/dev/null; then
  unzip -q "$JAR" 'xslt/*' 'META-INF/maven/*' -d "$WORK/jar"
else
  python3 -m zipfile -e "$JAR" "$WORK/jar"
fi

log "compiling xslt/2.0/pipeline-for-svrl.xsl with SaxonJS (takes a few seconds)"
node "$XSLT3" -xsl:"$WORK/jar/xslt/2.0/pipeline-for-svrl.xsl" -export:"$WORK/pipeline-for-svrl.sef.json" -nogo >/dev/null

rm -rf "$TARGET"
mkdir -p "$TARGET"
cp -r "$WORK/jar/xslt" "$WORK/jar/META-INF" "$TARGET/"
cp "$JAR" "$TARGET/"
# Last, so that a half-prepared folder never looks prepared.
mv "$WORK/pipeline-for-svrl.sef.json" "$SEF"
log "prepared SchXslt $SCHXSLT_VERSION in $TARGET"
compile_requested
