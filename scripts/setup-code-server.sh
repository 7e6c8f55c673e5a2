#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3) from npm into a cache folder outside the repo, offline-safe.
# Recipe: ../shared/reference/vscode-here.md. Idempotent: a finished install is reused.
set -euo pipefail

VERSION=4.100.3
DIR="${OWNVOICE_CODE_SERVER_DIR:-$HOME/.cache/ownvoice/code-server-$VERSION}"
BIN="$DIR/node_modules/.bin/code-server"

if [[ -x "$BIN" && -f "$DIR/.installed" ]]; then
  echo "code-server $VERSION already installed: $BIN"
  exit 0
fi

RG="$(command -v rg || true)"
[[ -n "$RG" ]] || { echo "setup-code-server: ripgrep (rg) is required (apt-get install ripgrep)" >&2; exit 1; }
[[ -d /usr/include/node ]] || { echo "setup-code-server: Node headers missing in /usr/include/node (Debian nodejs)" >&2; exit 1; }

mkdir -p "$DIR/tmp"
# Own TMPDIR so the ripgrep cache and npm's scratch files stay out of /tmp.
export TMPDIR="$DIR/tmp"
# @vscode/ripgrep downloads rg from GitHub in postinstall; pre-seed its cache with Debian's rg instead.
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-1.15.11"
RG_TAR="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -f "$RG_TAR" ]]; then
  mkdir -p "$RG_CACHE/stage"
  cp "$RG" "$RG_CACHE/stage/rg"
  tar -czf "$RG_TAR" -C "$RG_CACHE/stage" rg
  rm -rf "$RG_CACHE/stage"
fi

# node-gyp would download headers; root postinstalls need unsafe_perm; node-pty's `npx node-gyp` needs yes.
export npm_config_nodedir=/usr npm_config_unsafe_perm=true npm_config_yes=true
[[ -f "$DIR/package.json" ]] || echo '{"name":"ownvoice-code-server","private":true}' > "$DIR/package.json"
echo "installing code-server@$VERSION into $DIR (a few minutes)"
npm install --prefix "$DIR" --foreground-scripts --no-audit --no-fund "code-server@$VERSION"

"$BIN" --version >/dev/null
touch "$DIR/.installed"
echo "code-server $VERSION installed: $BIN"
