#!/usr/bin/env bash
# Cross-compiles the Snowball stemmers (libstemmer, every language, UTF-8 only) for wasm with
# Emscripten, from Debian's source package of the libstemmer-dev the native build links, so that
# native and wasm stems are the same. Cached as ICU is (scripts/lib/wasm-cache.sh).
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
# The cache key covers the snowball (Debian) version, the emcc version and the sha256 of this script
# and of scripts/lib/wasm-cache.sh.
set -euo pipefail

SCRIPT_PATH=$(readlink -f "${BASH_SOURCE[0]}")
source "$(dirname "$SCRIPT_PATH")/lib/wasm-cache.sh" build-stemmer-wasm
# -O3 like ICU: stemming runs once per content word. -Oz was tried and saves nothing (the module
# grows by the same 88 KB gzipped for all 28 stemmers either way: it is mostly their tables).
WASM_CFLAGS="-O3"

WASM_TOOLS=(dpkg-source=dpkg-dev emcc=emscripten wasm-opt=binaryen clang=clang make=make flock=util-linux
            gzip=gzip perl=perl apt-get=apt)
WASM_PACKAGES=(libstemmer-dev)

compute_key() {
  # The source version is the one of the native libstemmer-dev: native and wasm stems must agree.
  SNOWBALL_DEBVER=$(pkg_version libstemmer-dev)
  [[ -n $SNOWBALL_DEBVER ]] || return 1
  command -v emcc >/dev/null 2>&1 || return 1
  cache_key stemmer-wasm "$SNOWBALL_DEBVER" "$SCRIPT_PATH"
}
cache_open "$@"

deb_source snowball "$SNOWBALL_DEBVER" libstemmer-dev
unpack_deb_source "$TMP/snowball"
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
{
  printf '%-40s %10s %10s\n' file raw_bytes gzip9_bytes
  printf '%-40s %10s %10s\n' lib/libstemmer.a "$(sz "$TMP/out/lib/libstemmer.a")" "$(gz "$TMP/out/lib/libstemmer.a")"
} >"$TMP/out/SIZES.txt"
{
  echo "key: $KEY"
  echo "snowball: $SNOWBALL_DEBVER (Debian source package, patches from debian/patches/series applied)"
  echo "emcc: $EMCC_VERSION"
  echo "cflags: $WASM_CFLAGS (no -pthread)"
  echo "algorithms (UTF-8): ${ALGORITHMS[*]}"
  echo "build seconds: $((SECONDS - START))"
} >"$TMP/out/BUILD-INFO.txt"

cache_close
