#!/usr/bin/env bash
# Takes the README's screenshots with headless Chromium (take.rs): home, an edition, a KEP, a
# release cycle and a search for "nftables", at 1280 and 390 px wide, in light and dark mode.
# Without a URL it builds the real archive (../shared/lwkd-archive, with ../shared/upstream) with
# target/release/lwkd and serves it with `lwkd serve --port 0` while it takes them.
# Usage: docs/screenshots/take.sh [BASE_URL] [home edition kep cycle search]
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
cd "$root"
base=
if [[ "${1:-}" == http* ]]; then
  base=$1
  shift
fi
cargo build --release --quiet -p lwkd-cli --bin lwkd --example screenshots
if [ -z "$base" ]; then
  shared=$(cd "$root/../shared" 2>/dev/null || cd "$root/../../shared" && pwd)
  work=$(mktemp -d)
  # With the upstream data, as the publishing workflow builds it: KEP titles, owning SIGs,
  # graduation paths and each cycle's official schedule are in the pages.
  target/release/lwkd serve --port 0 --content "$shared/lwkd-archive" --upstream "$shared/upstream" \
    --out "$work/site" >"$work/url" 2>"$work/log" &
  server=$!
  trap 'kill "$server"; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 600); do
    grep -q http "$work/url" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
    sleep 0.1
  done
  base=$(grep -o 'http://[^ ]*' "$work/url")
  # The server keeps serving after a failed build; screenshots of nothing are no use.
  if grep -qE '(^|: )error:' "$work/log"; then cat "$work/log" >&2; exit 1; fi
fi
target/release/examples/screenshots "$base" "$dir" "$@" | while read -r file; do
  # A palette keeps each PNG small enough for the repository (Debian package pngquant).
  pngquant --force --skip-if-larger --strip --quality 70-90 --output "$file" -- "$file" || true
  echo "$file $(stat -c %s "$file") bytes"
done
