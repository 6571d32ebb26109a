#!/usr/bin/env bash
# Cross-compiles ICU's `common` library (libicuuc) for wasm with Emscripten, from Debian's ICU
# source package, and cuts ICU's prebuilt data down to what Storyprint needs.
#
# Usage:   ICU_WASM_DIR=$(scripts/build-icu-wasm.sh)
#          scripts/build-icu-wasm.sh --print-key   # only print the cache key
# Env:     STORYPRINT_CACHE   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/storyprint)
#
# The last line of stdout is the cache directory; all progress goes to stderr. Result layout:
#   <dir>/include/unicode/*.h             ICU headers (uconfig.h carries the UCONFIG_* settings below)
#   <dir>/lib/libicuuc.a                  ICU common, -O3, no pthreads
#   <dir>/lib/libicudata-storyprint.a     base data, symbol icudt72_dat (ICU's linked-in common data)
#   <dir>/data/icudt72l-dict.dat          dictionaries for CJK/Thai/Lao/Khmer/Burmese, loaded at run time
#   <dir>/data/icudt72l-base.dat          the base data as a .dat (for reference/size only)
#   <dir>/SIZES.txt, <dir>/BUILD-INFO.txt, <dir>/logs/
# Which data items go where is listed in scripts/icu-data-filter.txt. The cache key covers the ICU
# (Debian) version, the emcc version and the sha256 of this script, the filter list and
# scripts/lib/wasm-cache.sh (which also holds the cache's locking and the Debian source download).
set -euo pipefail

SCRIPT_PATH=$(readlink -f "${BASH_SOURCE[0]}")
SCRIPT_DIR=$(dirname "$SCRIPT_PATH")
source "$SCRIPT_DIR/lib/wasm-cache.sh" build-icu-wasm
FILTER="$SCRIPT_DIR/icu-data-filter.txt"
[[ -f $FILTER ]] || die "missing $FILTER"

ICU_UPSTREAM=72.1
ICU_MAJOR=${ICU_UPSTREAM%%.*}

# Size-reducing ICU configuration, written into include/unicode/uconfig.h (so every consumer sees
# the same settings as the library was built with). Tested to keep: Normalizer2 NFKC_Casefold,
# u_strFoldCase, word/sentence BreakIterator (root locale, dictionaries), u_charType,
# u_hasBinaryProperty, uscript_getScript, u_strFromUTF8WithSub/u_strToUTF8.
UCONFIG_DEFINES=(
  U_CHARSET_IS_UTF8=1
  UCONFIG_NO_FILE_IO=1                  # data only from linked/registered memory, never from files
  UCONFIG_NO_CONVERSION=1               # no ucnv converters (UTF-8/16 via ustring functions still work)
  UCONFIG_NO_LEGACY_CONVERSION=1
  UCONFIG_NO_SERVICE=1                  # no BreakIterator::registerInstance service machinery
  UCONFIG_NO_FILTERED_BREAK_ITERATION=1 # no "ss=standard" sentence-break suppressions
  UCONFIG_NO_IDNA=1
  UCONFIG_NO_COLLATION=1
  UCONFIG_NO_FORMATTING=1
  UCONFIG_NO_TRANSLITERATION=1
  UCONFIG_NO_REGULAR_EXPRESSIONS=1
)

WASM_TOOLS=(dpkg-source=dpkg-dev icupkg=icu-devtools genccode=icu-devtools emcc=emscripten wasm-opt=binaryen
            clang=clang clang++=clang make=make flock=util-linux xz=xz-utils gzip=gzip python3=python3 apt-get=apt)

compute_key() {
  ICU_DEBVER=$(pkg_version icu-devtools)
  [[ -n $ICU_DEBVER ]] || return 1
  command -v emcc >/dev/null 2>&1 || return 1
  [[ ${ICU_DEBVER%%-*} == "$ICU_UPSTREAM" ]] ||
    die "icu-devtools is $ICU_DEBVER but this script is written for ICU $ICU_UPSTREAM"
  cache_key icu-wasm "$ICU_DEBVER" "$SCRIPT_PATH" "$FILTER"
}
cache_open "$@"

deb_source icu "$ICU_DEBVER" icu-devtools
unpack_deb_source "$TMP/icu"
SRC="$TMP/icu/source"
[[ -f $SRC/data/in/icudt${ICU_MAJOR}l.dat ]] || die "no prebuilt data/in/icudt${ICU_MAJOR}l.dat in source"

# Put the UCONFIG settings at the top of uconfig.h (built with and installed for consumers).
{
  echo "/* Storyprint wasm build (scripts/build-icu-wasm.sh) */"
  for d in "${UCONFIG_DEFINES[@]}"; do
    d=${d%%#*}; d=${d%%[[:space:]]*}
    printf '#ifndef %s\n#define %s %s\n#endif\n' "${d%%=*}" "${d%%=*}" "${d#*=}"
  done
} >"$TMP/uconfig.prepend"
sed -i "/^#define __UCONFIG_H__/r $TMP/uconfig.prepend" "$SRC/common/unicode/uconfig.h"
grep -q 'Storyprint wasm build' "$SRC/common/unicode/uconfig.h" || die "could not patch uconfig.h"

COMMON_CONFIGURE=(--disable-tests --disable-samples --disable-extras --disable-icuio --disable-layoutex
                  --disable-icu-config --disable-plugins --disable-dyload)

# Native configure: the cross build only needs config/icucross.{mk,inc} from it.
log "native configure (for --with-cross-build)"
mkdir -p "$TMP/native"
(cd "$TMP/native" && run_logged native-configure env CC=clang CXX=clang++ \
  "$SRC/configure" "${COMMON_CONFIGURE[@]}")
(cd "$TMP/native" && run_logged native-icucross make config/icucross.mk config/icucross.inc)

log "wasm configure"
# -O3, not -Oz: word breaking and normalisation are the hot path of every check (canonicalisation
# 0.69x native instead of 0.58x) for about +23 KB gzipped; the module stays under 400 KB gzipped.
WASM_CFLAGS="-O3"
mkdir -p "$TMP/wasm" "$TMP/out"
(cd "$TMP/wasm" && run_logged wasm-configure emconfigure "$SRC/configure" \
  --host=wasm32-unknown-linux --with-cross-build="$TMP/native" --prefix="$TMP/out" \
  --enable-static --disable-shared --disable-tools --with-data-packaging=static \
  "${COMMON_CONFIGURE[@]}" \
  CFLAGS="$WASM_CFLAGS" CXXFLAGS="$WASM_CFLAGS")

log "building common with emcc (make -j2)"
# Dependency files via host clang (emcc would cost a Python start-up per file); -MG tolerates
# headers that do not exist for the host.
mkdir -p "$TMP/wasm/lib" "$TMP/wasm/bin"
run_logged wasm-make emmake make -j2 -C "$TMP/wasm/common" \
  'GEN_DEPS.c=clang -E -MM -MG $(DEFS) $(CPPFLAGS)' \
  'GEN_DEPS.cc=clang++ -E -MM -MG $(DEFS) $(CPPFLAGS) $(CXXFLAGS)' \
  all install-local
[[ -f $TMP/out/lib/libicuuc.a && -f $TMP/out/include/unicode/uconfig.h ]] || die "install incomplete"
rm -rf "$TMP/out/share" "$TMP/out/lib/pkgconfig"

# ---------------------------------------------------------------------------------------------
# Data: subsets of the prebuilt .dat (ICU_DATA_FILTER_FILE has no effect with Debian's tarball).
log "cutting data with icupkg"
D="$TMP/data"
mkdir -p "$D/items" "$TMP/out/data"
FULL_DAT="$SRC/data/in/icudt${ICU_MAJOR}l.dat"
TOC_PREFIX="icudt${ICU_MAJOR}l"
section() { # section name: items of [name] in the filter file
  awk -v want="[$1]" '
    { sub(/#.*/, ""); gsub(/^[ \t]+|[ \t]+$/, "") }
    /^\[.*\]$/ { cur = $0; next }
    $0 != "" && cur == want { print }' "$FILTER"
}
section base >"$D/base.txt"
section dict >"$D/dict.txt"
[[ -s $D/base.txt ]] || die "no [base] items in $FILTER"
icupkg -l "$FULL_DAT" >"$D/available.txt"
for item in $(cat "$D/base.txt" "$D/dict.txt"); do
  grep -qxF "$item" "$D/available.txt" || die "data item '$item' (from $FILTER) is not in $FULL_DAT"
done
cat "$D/base.txt" "$D/dict.txt" >"$D/all.txt"
run_logged icupkg-extract icupkg -x "$D/all.txt" -d "$D/items" "$FULL_DAT"
run_logged icupkg-base icupkg -tl --ignore-deps --toc_prefix "$TOC_PREFIX" -s "$D/items" \
  -a "$D/base.txt" new "$TMP/out/data/icudt${ICU_MAJOR}l-base.dat"
if [[ -s $D/dict.txt ]]; then
  run_logged icupkg-dict icupkg -tl --ignore-deps --toc_prefix "$TOC_PREFIX" -s "$D/items" \
    -a "$D/dict.txt" new "$TMP/out/data/icudt${ICU_MAJOR}l-dict.dat"
fi

# Linked-in base data: genccode's C mode (its -a gcc assembly is ELF, which wasm clang rejects).
log "compiling base data into libicudata-storyprint.a"
cp "$TMP/out/data/icudt${ICU_MAJOR}l-base.dat" "$D/icudt${ICU_MAJOR}.dat"
run_logged genccode genccode -d "$D" -e "icudt${ICU_MAJOR}" --skip-dll-export "$D/icudt${ICU_MAJOR}.dat"
DATA_C=$(ls "$D"/*.c)
run_logged data-cc emcc -Oz -I"$TMP/out/include" -c "$DATA_C" -o "$D/icudt${ICU_MAJOR}_dat.o"
run_logged data-ar emar rcs "$TMP/out/lib/libicudata-storyprint.a" "$D/icudt${ICU_MAJOR}_dat.o"

# ---------------------------------------------------------------------------------------------
{
  printf '%-40s %10s %10s\n' file raw_bytes gzip9_bytes
  for f in data/icudt${ICU_MAJOR}l-base.dat data/icudt${ICU_MAJOR}l-dict.dat lib/libicuuc.a \
           lib/libicudata-storyprint.a; do
    [[ -f $TMP/out/$f ]] && printf '%-40s %10s %10s\n' "$f" "$(sz "$TMP/out/$f")" "$(gz "$TMP/out/$f")"
  done
} >"$TMP/out/SIZES.txt"
{
  echo "key: $KEY"
  echo "icu: $ICU_DEBVER (Debian source package, patches from debian/patches/series applied)"
  echo "emcc: $EMCC_VERSION"
  echo "cflags: $WASM_CFLAGS (no -pthread)"
  echo "uconfig (prepended to include/unicode/uconfig.h): ${UCONFIG_DEFINES[*]%%#*}"
  echo "base data items: $(tr '\n' ' ' <"$D/base.txt")"
  echo "dict data items: $(tr '\n' ' ' <"$D/dict.txt")"
  echo "data symbol: icudt${ICU_MAJOR}_dat (lib/libicudata-storyprint.a); toc prefix $TOC_PREFIX"
  echo "build seconds: $((SECONDS - START))"
} >"$TMP/out/BUILD-INFO.txt"

cache_close
