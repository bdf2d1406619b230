# Source this file (`. .ci/node22.sh`) to get Node >= 22.12 on PATH.
#
# Why: the project needs Node >= 22.12 (better-sqlite3 13, electron-store 12,
# vitest, jsdom, Electron's tooling). Where the machine's Node is older, we
# install the npm package `node@22` (it ships the Node 22 binary and its
# headers) into .node22/ inside the checkout and put it first on PATH. npm
# itself then runs under that Node, and native builds (if any) use its headers.
# Nothing outside the checkout is touched.

_pos_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"

_pos_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e '
    const [maj, min] = process.versions.node.split(".").map(Number);
    process.exit(maj > 22 || (maj === 22 && min >= 12) ? 0 : 1);
  '
}

if ! _pos_node_ok; then
  _pos_n22="$_pos_root/.node22"
  if [ ! -x "$_pos_n22/node_modules/node/bin/node" ]; then
    echo "[node22] machine Node is $(node -v 2>/dev/null || echo missing); installing npm package node@22 into .node22/ ..." >&2
    mkdir -p "$_pos_n22"
    npm install --prefix "$_pos_n22" --no-save --no-package-lock --no-audit --no-fund node@22 >&2 || {
      echo "[node22] could not install node@22 from the npm registry" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$_pos_n22/node_modules/node/bin:$PATH"
  # Headers for node-gyp, matching the binary above.
  for _pos_d in "$_pos_n22"/node_modules/node/node_modules/node-*-*; do
    [ -d "$_pos_d/include/node" ] && export npm_config_nodedir="$_pos_d"
  done
  _pos_node_ok || { echo "[node22] Node on PATH is still $(node -v)" >&2; return 1 2>/dev/null || exit 1; }
fi
echo "[node22] using Node $(node -v) at $(command -v node)" >&2
unset -f _pos_node_ok
