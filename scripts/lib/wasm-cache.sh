# Sourced by scripts/build-icu-wasm.sh and scripts/build-stemmer-wasm.sh: what every wasm build of
# a Debian source package cached outside the repository needs. A build script
#   1. sources this with its name (for log lines) and sets WASM_TOOLS ("command=package" pairs)
#      and WASM_PACKAGES (packages that must be installed, e.g. one whose version it builds);
#   2. defines compute_key, which reads the versions and calls cache_key (return 1 when a tool is
#      missing, to be installed and asked again), then calls cache_open "$@";
#   3. gets the source with deb_source and unpack_deb_source, builds into $TMP/out with
#      run_logged, writes $TMP/out/SIZES.txt and BUILD-INFO.txt, and calls cache_close.
# The cache directory appears atomically (mv -T), so its existence means it is complete; builds of
# one key are serialised by flock.
# shellcheck shell=bash

WASM_CACHE_NAME=$1
WASM_CACHE_LIB=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
log() { printf '[%s] %s\n' "$WASM_CACHE_NAME" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

CACHE_ROOT=${STORYPRINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/storyprint}
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
WASM_TOOLS=()
WASM_PACKAGES=()

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
  local -a missing=()
  local pair pkg
  for pair in "${WASM_TOOLS[@]}"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
  for pkg in "${WASM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
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

# ---------------------------------------------------------------------------------------------
# Cache key: the source's Debian version, the emcc version and a hash of the files that decide
# what is built (the build script, its inputs, this file). A change that builds the very same
# bytes may keep the caches: wasm-cache-aliases.txt maps its new hash to the one it replaces.
recipe_hash() {
  local h
  h=$(cat "$@" | sha256sum | cut -c1-12)
  awk -v h="$h" '!/^#/ && $1 == h { a = $2 } END { print a ? a : h }' "$WASM_CACHE_LIB/wasm-cache-aliases.txt"
}

cache_key() { # prefix debian-version files...: sets EMCC_VERSION, KEY, DEST
  local prefix=$1 version=$2
  shift 2
  EMCC_VERSION=$(emcc_version)
  KEY="${version//[^A-Za-z0-9.]/_}-em${EMCC_VERSION}-$(recipe_hash "$@" "$WASM_CACHE_LIB/wasm-cache.sh")"
  CACHE_PREFIX=$prefix
  DEST="$CACHE_ROOT/$prefix-$KEY"
}

cached() {
  if [[ -f $DEST/BUILD-INFO.txt ]]; then
    log "cached: $DEST"
    echo "$DEST"
    exit 0
  fi
}

# Returns only when a build is needed, holding the key's lock, with an empty $TMP/logs.
cache_open() {
  if ! compute_key; then
    ensure_tools
    compute_key || die "cannot determine the source's or emcc's version"
  fi
  if [[ ${1:-} == --print-key ]]; then echo "$KEY"; exit 0; fi
  cached
  ensure_tools
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/$CACHE_PREFIX-$KEY.lock"
  if ! flock -n 9; then
    log "another build of $KEY is running; waiting for its lock"
    flock 9
  fi
  cached # built by whoever held the lock

  START=$SECONDS
  rm -rf "$CACHE_ROOT/.$CACHE_PREFIX-$KEY.tmp."* # left by a killed build of this key (we hold its lock)
  TMP=$(mktemp -d "$CACHE_ROOT/.$CACHE_PREFIX-$KEY.tmp.XXXXXX")
  FAILED_LOGS="$CACHE_ROOT/$CACHE_PREFIX-$KEY.failed-logs"
  trap cache_cleanup EXIT
  mkdir -p "$TMP/logs"
}

cache_cleanup() {
  local rc=$?
  if ((rc)) && [[ -d $TMP/logs ]]; then
    rm -rf "$FAILED_LOGS" && cp -r "$TMP/logs" "$FAILED_LOGS" && log "build logs kept in $FAILED_LOGS"
  fi
  rm -rf "$TMP"
}

run_logged() { # name cmd... : runs cmd with output into logs/name.log, shows its tail on failure
  local name=$1; shift
  if ! "$@" >"$TMP/logs/$name.log" 2>&1; then
    tail -n 40 "$TMP/logs/$name.log" >&2
    die "step '$name' failed (see logs/$name.log)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Debian source package (downloaded once per Debian version into the cache)
ensure_deb_src() { # source-package
  local pkg=$1
  if apt-cache showsrc "$pkg" 2>/dev/null | grep -q "^Package: $pkg\$"; then return 0; fi
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
  apt-cache showsrc "$pkg" 2>/dev/null | grep -q "^Package: $pkg\$" || { apt_update;
    apt-cache showsrc "$pkg" 2>/dev/null | grep -q "^Package: $pkg\$" || die "no source package for $pkg"; }
}

deb_source() { # source-package debian-version binary-package: sets DSC (downloads once)
  local pkg=$1 version=$2 binary=$3
  local dl="$CACHE_ROOT/$pkg-src/$version"
  DSC="$dl/${pkg}_${version#*:}.dsc"
  if [[ ! -f $DSC ]]; then
    ensure_deb_src "$pkg"
    mkdir -p "$(dirname "$dl")"
    local dl_tmp
    dl_tmp=$(mktemp -d "$(dirname "$dl")/.dl.XXXXXX")
    chmod 755 "$dl_tmp"
    log "apt-get source --download-only $pkg=$version -> $dl"
    if ! (cd "$dl_tmp" && apt-get source -q --download-only "$pkg=$version") >"$TMP/logs/apt-source.log" 2>&1; then
      rm -rf "$dl_tmp"
      cat "$TMP/logs/apt-source.log" >&2
      die "could not download the source of $pkg $version (the version of $binary)"
    fi
    # the directory appears complete or not at all (another key's build may have won the race)
    mv -T "$dl_tmp" "$dl" 2>/dev/null || rm -rf "$dl_tmp"
  fi
  [[ -f $DSC ]] || die "missing $DSC"
}

unpack_deb_source() { # dir: the source of $DSC with Debian's patches applied
  log "unpacking $(basename "$DSC") and applying Debian's patches"
  run_logged dpkg-source dpkg-source --no-copy -x "$DSC" "$1"
}

# ---------------------------------------------------------------------------------------------
sz() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }

# $TMP/out (with SIZES.txt and BUILD-INFO.txt) becomes the cache directory; prints its path.
cache_close() {
  mkdir -p "$TMP/out/logs"
  cp "$TMP"/logs/*.log "$TMP/out/logs/"
  mv -T "$TMP/out" "$DEST"
  rm -rf "$FAILED_LOGS"
  log "done in $((SECONDS - START)) s: $DEST"
  cat "$DEST/SIZES.txt" >&2
  echo "$DEST"
}
