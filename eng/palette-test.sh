#!/usr/bin/env bash
# The palette test: FlowGen's Node-RED palette (editor/node-red-contrib-flowgen) in a real Node-RED 4.1 and headless
# Chromium. Packs the palette, installs it into a fresh Node-RED user directory, starts Node-RED on 127.0.0.1 and
# runs editor/test/round-trip.js against it; then a second Node-RED without the palette, where the same comparison
# must find FlowGen's fields lost (so the check is known to fail when the palette is missing).
#
# Node-RED and playwright-core are installed once into editor/.cache (git-ignored). Needs node, npm and Chromium
# (/usr/bin/chromium, the Debian package; CHROMIUM overrides the path). Ends with one line: "palette: passed" or
# "palette: failed".
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_RED_SPEC=node-red@4.1
PLAYWRIGHT_SPEC=playwright-core@1.65
cache=editor/.cache
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

fail() {
  echo "$1" >&2
  echo "palette: failed"
  exit 1
}

[ -x "$CHROMIUM" ] || fail "Chromium is missing at $CHROMIUM (apt-get install chromium)"
command -v npm >/dev/null || fail "npm is required"

# One install per version pair; the stamp says which pair the cache holds.
stamp="$NODE_RED_SPEC $PLAYWRIGHT_SPEC"
if [ "$(cat "$cache/stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "== installing $NODE_RED_SPEC and $PLAYWRIGHT_SPEC into $cache"
  rm -rf "$cache" && mkdir -p "$cache"
  echo '{"name": "flowgen-palette-test-tools", "private": true}' >"$cache/package.json"
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error "$NODE_RED_SPEC" "$PLAYWRIGHT_SPEC" >/dev/null ||
    fail "npm install of $NODE_RED_SPEC and $PLAYWRIGHT_SPEC failed"
  echo "$stamp" >"$cache/stamp"
fi
node_red="$PWD/$cache/node_modules/node-red/red.js"
export NODE_PATH="$PWD/$cache/node_modules"

work=$(mktemp -d)
pids=()
url=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== packing editor/node-red-contrib-flowgen"
tarball=$(npm pack --loglevel=error --pack-destination "$work" ./editor/node-red-contrib-flowgen | tail -n 1)
[ -f "$work/$tarball" ] || fail "npm pack did not produce a tarball"

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# start_node_red DIR: starts Node-RED with user directory DIR on a free port and sets url to its editor.
start_node_red() {
  local dir=$1 port
  port=$(free_port)
  cat >"$dir/settings.js" <<EOF
module.exports = {
    uiHost: "127.0.0.1",
    uiPort: $port,
    flowFile: "flows.json",
    credentialSecret: false,
    telemetry: { enabled: false, updateNotification: false },
    editorTheme: { tours: false, projects: { enabled: false }, palette: { catalogues: [] } },
    logging: { console: { level: "info", metrics: false, audit: false } }
};
EOF
  node "$node_red" --userDir "$dir" --settings "$dir/settings.js" >"$dir/node-red.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/settings" 2>/dev/null; then
      url="http://127.0.0.1:$port/"
      return 0
    fi
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.2
  done
  cat "$dir/node-red.log" >&2
  return 1
}

# round_trip DIR MODE: Node-RED on DIR, then the driver in MODE; prints Node-RED's log when the driver fails.
round_trip() {
  local dir=$1 mode=$2
  start_node_red "$dir" || fail "Node-RED did not start ($mode)"
  echo "== round trip $mode ($url)"
  if ! node editor/test/round-trip.js "$url" "$mode"; then
    echo "-- node-red.log ($mode):" >&2
    tail -n 40 "$dir/node-red.log" >&2
    return 1
  fi
}

mkdir -p "$work/with" "$work/without"
echo '{"name": "node-red-project", "private": true}' | tee "$work/with/package.json" >"$work/without/package.json"
(cd "$work/with" && npm install --no-audit --no-fund --offline --loglevel=error "$work/$tarball" >/dev/null) ||
  fail "installing the packed palette into a Node-RED user directory failed"

status=0
round_trip "$work/with" with-package || status=1
round_trip "$work/without" without-package || status=1

if [ "$status" -eq 0 ]; then echo "palette: passed"; else echo "palette: failed"; exit 1; fi
