#!/usr/bin/env bash
# Cross-compiles the Snowball stemmers (libstemmer, every language, UTF-8 only) for wasm with
# Emscripten, from Debian's source package of the libstemmer-dev the native build links, so that
# native and wasm stems are the same. Modelled on scripts/build-icu-wasm.sh.
#
# Usage:   STEMMER_WASM_DIR=$(scripts/build-stemmer-wasm.sh)
#          scripts/build-stemmer-wasm.sh --print-key   # only print the cache key
# Env:     STORYPRINT_CACHE   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/storyprint)
#
# The last line of stdout is the cache directory; all progress goes to stderr. Result layout:
#   <dir>/include/libstemmer.h
#   <dir>/lib/libstemmer.a        runtime + libstemmer_utf8 + stem_UTF_8_<language> (no "porter":
#                                 English's older stemmer, which the core never asks for)
#   <dir>/SIZES.txt, <dir>/BUILD-INFO.txt, <dir>/logs/
# The cache key covers the snowball (Debian) version, the emcc version and the sha256 of this script.
set -euo pipefail

log() { printf '[build-stemmer-wasm] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

SCRIPT_PATH=$(readlink -f "${BASH_SOURCE[0]}")
CACHE_ROOT=${STORYPRINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/storyprint}
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
# -O3 like ICU: stemming runs once per content word. -Oz was tried and saves nothing (the module
# grows by the same 88 KB gzipped for all 28 stemmers either way: it is mostly their tables).
WASM_CFLAGS="-O3"

# ---------------------------------------------------------------------------------------------
# Prerequisites (installed only when missing)
SUDO=()
[[ $(id -u) == 0 ]] || SUDO=(sudo)
APT_UPDATED=0
apt_update() {
  if [[ $APT_UPDATED == 0 ]]; then
    log "apt-get update"
    "${SUDO[@]}" apt-get update -qq >&2
    APT_UPDATED=1
  fi
}

ensure_tools() {
  local -A need=(
    [dpkg-source]=dpkg-dev [emcc]=emscripten [wasm-opt]=binaryen [clang]=clang [make]=make
    [flock]=util-linux [gzip]=gzip [perl]=perl [apt-get]=apt
  )
  local -a missing=()
  local cmd
  for cmd in "${!need[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${need[$cmd]}")
  done
  dpkg-query -W -f='${Status}' libstemmer-dev 2>/dev/null | grep -q "install ok installed" || missing+=(libstemmer-dev)
  if ((${#missing[@]})); then
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    log "installing: ${missing[*]}"
    apt_update
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >&2
  fi
}

pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }

emcc_version() {
  local f
  f="$(dirname "$(readlink -f "$(command -v emcc)")")/emscripten-version.txt"
  if [[ -r $f ]]; then tr -d '"[:space:]' <"$f"; else
    emcc --version | sed -n '1s/.* \([0-9][0-9.]*\).*/\1/p'
  fi
}

compute_key() {
  # The source version is the one of the native libstemmer-dev: native and wasm stems must agree.
  SNOWBALL_DEBVER=$(pkg_version libstemmer-dev)
  [[ -n $SNOWBALL_DEBVER ]] || return 1
  command -v emcc >/dev/null 2>&1 || return 1
  EMCC_VERSION=$(emcc_version)
  local hash
  hash=$(sha256sum <"$SCRIPT_PATH" | cut -c1-12)
  KEY="${SNOWBALL_DEBVER//[^A-Za-z0-9.]/_}-em${EMCC_VERSION}-${hash}"
  DEST="$CACHE_ROOT/stemmer-wasm-$KEY"
}

# ---------------------------------------------------------------------------------------------
# Fast path: the result directory appears atomically, so its existence means it is complete.
if ! compute_key; then
  ensure_tools
  compute_key || die "cannot determine snowball/emcc versions"
fi
if [[ ${1:-} == --print-key ]]; then echo "$KEY"; exit 0; fi
if [[ -f $DEST/BUILD-INFO.txt ]]; then
  log "cached: $DEST"
  echo "$DEST"
  exit 0
fi

ensure_tools
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/stemmer-wasm-$KEY.lock"
if ! flock -n 9; then
  log "another build of $KEY is running; waiting for its lock"
  flock 9
fi
if [[ -f $DEST/BUILD-INFO.txt ]]; then # built by whoever held the lock
  log "cached: $DEST"
  echo "$DEST"
  exit 0
fi

START=$SECONDS
rm -rf "$CACHE_ROOT/.stemmer-wasm-$KEY.tmp."* # left by a killed build of this key (we hold its lock)
TMP=$(mktemp -d "$CACHE_ROOT/.stemmer-wasm-$KEY.tmp.XXXXXX")
FAILED_LOGS="$CACHE_ROOT/stemmer-wasm-$KEY.failed-logs"
cleanup() {
  local rc=$?
  if ((rc)) && [[ -d $TMP/logs ]]; then
    rm -rf "$FAILED_LOGS" && cp -r "$TMP/logs" "$FAILED_LOGS" && log "build logs kept in $FAILED_LOGS"
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
mkdir -p "$TMP/logs"
run_logged() { # name cmd... : runs cmd with output into logs/name.log, shows its tail on failure
  local name=$1; shift
  if ! "$@" >"$TMP/logs/$name.log" 2>&1; then
    tail -n 40 "$TMP/logs/$name.log" >&2
    die "step '$name' failed (see logs/$name.log)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Debian source package (downloaded once per Debian version into the cache); deb-src is enabled
# the way scripts/build-icu-wasm.sh does it.
ensure_deb_src() {
  if apt-cache showsrc snowball 2>/dev/null | grep -q '^Package: snowball$'; then return 0; fi
  local codename uri keyring src=/etc/apt/sources.list.d/storyprint-src.sources
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  uri=http://deb.debian.org/debian
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
    # take URIs and Signed-By from the stanza that serves "<codename>" binaries
    local parsed
    parsed=$(awk -v s="$codename" '
      function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " s " ") && !done) {
                           print uris; print signed; done = 1 }
                         types = suites = uris = signed = "" }
      /^[ \t]*$/ { flush(); next }
      /^Types:/      { sub(/^Types:[ \t]*/, "");      types = $0 }
      /^Suites:/     { sub(/^Suites:[ \t]*/, "");     suites = $0 }
      /^URIs:/       { sub(/^URIs:[ \t]*/, "");       split($0, u, /[ \t]+/); uris = u[1] }
      /^Signed-By:/  { sub(/^Signed-By:[ \t]*/, "");  signed = $0 }
      END { flush() }' /etc/apt/sources.list.d/debian.sources)
    if [[ -n $parsed ]]; then
      uri=$(sed -n 1p <<<"$parsed")
      local sb; sb=$(sed -n 2p <<<"$parsed")
      [[ -n $sb ]] && keyring=$sb
    fi
  fi
  if [[ ! -f $src ]]; then
    log "enabling deb-src for $codename main in $src"
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
      "$uri" "$codename" "$keyring" | "${SUDO[@]}" tee "$src" >/dev/null
  fi
  # Refresh only the deb-src list; fall back to a full update.
  log "apt-get update (deb-src)"
  "${SUDO[@]}" apt-get update -qq -o Dir::Etc::sourcelist="$src" -o Dir::Etc::sourceparts=- \
    -o APT::Get::List-Cleanup=0 >&2 || apt_update
  apt-cache showsrc snowball 2>/dev/null | grep -q '^Package: snowball$' || { apt_update;
    apt-cache showsrc snowball 2>/dev/null | grep -q '^Package: snowball$' || die "no source package for snowball"; }
}

SRC_DL="$CACHE_ROOT/snowball-src/$SNOWBALL_DEBVER"
DSC="$SRC_DL/snowball_${SNOWBALL_DEBVER#*:}.dsc"
if [[ ! -f $DSC ]]; then
  ensure_deb_src
  mkdir -p "$(dirname "$SRC_DL")"
  DL_TMP=$(mktemp -d "$(dirname "$SRC_DL")/.dl.XXXXXX")
  chmod 755 "$DL_TMP"
  log "apt-get source --download-only snowball=$SNOWBALL_DEBVER -> $SRC_DL"
  if ! (cd "$DL_TMP" && apt-get source -q --download-only "snowball=$SNOWBALL_DEBVER") >"$TMP/logs/apt-source.log" 2>&1; then
    rm -rf "$DL_TMP"
    cat "$TMP/logs/apt-source.log" >&2
    die "could not download the source of snowball $SNOWBALL_DEBVER (the version of libstemmer-dev)"
  fi
  # the directory appears complete or not at all (another key's build may have won the race)
  mv -T "$DL_TMP" "$SRC_DL" 2>/dev/null || rm -rf "$DL_TMP"
fi
[[ -f $DSC ]] || die "missing $DSC"

log "unpacking $(basename "$DSC") and applying Debian's patches"
run_logged dpkg-source dpkg-source --no-copy -x "$DSC" "$TMP/snowball"
SRC="$TMP/snowball"
[[ -f $SRC/libstemmer/modules.txt && -f $SRC/include/libstemmer.h ]] || die "unexpected snowball source layout"
# Every language but porter (English's older stemmer: the core uses "english").
sed -i '/^porter[[:space:]]/d' "$SRC/libstemmer/modules.txt"
mapfile -t ALGORITHMS < <(awk '!/^#/ && NF >= 2 && $2 ~ /UTF_8/ { print $1 }' "$SRC/libstemmer/modules.txt")
((${#ALGORITHMS[@]} >= 20)) || die "only ${#ALGORITHMS[@]} algorithms in modules.txt"

# The Snowball compiler runs natively and writes the C of each stemmer.
log "generating C for ${#ALGORITHMS[@]} stemmers with the native snowball compiler"
GEN=(libstemmer/modules_utf8.h libstemmer/libstemmer_utf8.c)
for a in "${ALGORITHMS[@]}"; do GEN+=("src_c/stem_UTF_8_$a.c"); done
run_logged native-generate make -C "$SRC" -j2 CC=clang "${GEN[@]}"

log "compiling with emcc ($WASM_CFLAGS)"
mkdir -p "$TMP/obj" "$TMP/out/lib" "$TMP/out/include"
SOURCES=(runtime/api.c runtime/utilities.c libstemmer/libstemmer_utf8.c)
for a in "${ALGORITHMS[@]}"; do SOURCES+=("src_c/stem_UTF_8_$a.c"); done
OBJS=()
for s in "${SOURCES[@]}"; do
  o="$TMP/obj/$(basename "${s%.c}").o"
  OBJS+=("$o")
done
# One emcc per file costs a Python start-up each: compile them in one call per batch of two jobs.
compile_batch() { # objdir sources...
  local dir=$1; shift
  (cd "$dir" && emcc $WASM_CFLAGS -I"$SRC/include" -I"$SRC" -c "$@")
}
half=$(((${#SOURCES[@]} + 1) / 2))
mkdir -p "$TMP/obj/a" "$TMP/obj/b"
abs=(); for s in "${SOURCES[@]}"; do abs+=("$SRC/$s"); done
( run_logged emcc-a compile_batch "$TMP/obj/a" "${abs[@]:0:$half}" ) &
pid_a=$!
run_logged emcc-b compile_batch "$TMP/obj/b" "${abs[@]:$half}"
wait "$pid_a" || die "emcc failed (see logs/emcc-a.log)"
run_logged emar emar rcs "$TMP/out/lib/libstemmer.a" "$TMP"/obj/a/*.o "$TMP"/obj/b/*.o
cp "$SRC/include/libstemmer.h" "$TMP/out/include/"
mkdir -p "$TMP/out/licence" && cp "$SRC/COPYING" "$TMP/out/licence/COPYING"

# ---------------------------------------------------------------------------------------------
sz() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
{
  printf '%-40s %10s %10s\n' file raw_bytes gzip9_bytes
  printf '%-40s %10s %10s\n' lib/libstemmer.a "$(sz "$TMP/out/lib/libstemmer.a")" "$(gz "$TMP/out/lib/libstemmer.a")"
} >"$TMP/out/SIZES.txt"
mkdir -p "$TMP/out/logs"
cp "$TMP"/logs/*.log "$TMP/out/logs/"
{
  echo "key: $KEY"
  echo "snowball: $SNOWBALL_DEBVER (Debian source package, patches from debian/patches/series applied)"
  echo "emcc: $EMCC_VERSION"
  echo "cflags: $WASM_CFLAGS (no -pthread)"
  echo "algorithms (UTF-8): ${ALGORITHMS[*]}"
  echo "build seconds: $((SECONDS - START))"
} >"$TMP/out/BUILD-INFO.txt"

mv -T "$TMP/out" "$DEST"
rm -rf "$FAILED_LOGS"
log "done in $((SECONDS - START)) s: $DEST"
cat "$DEST/SIZES.txt" >&2
echo "$DEST"
