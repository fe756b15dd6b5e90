#!/usr/bin/env bash
# Takes the README's screenshots with headless Chromium: every page below at 1280 and 390 px
# wide, in light and dark mode, from a site served at $1 (for example the real archive built
# with `lwkd build --content ../shared/lwkd-archive --out /tmp/site` and served over HTTP).
# Usage: docs/screenshots/take.sh http://127.0.0.1:8000 [home edition kep cycle search]
set -euo pipefail
base=${1:?usage: take.sh BASE_URL [PAGE...]}
shift
only=" $* "
dir=$(dirname "$0")
pages=(
  "home /index.html"
  "edition /2022/20220209.html"
  "kep /keps/3136/index.html"
  "cycle /releases/1.24/index.html"
  "search /search/index.html?q=nftables"
)
for entry in "${pages[@]}"; do
  read -r name path <<<"$entry"
  [ "$only" = "  " ] || [[ "$only" == *" $name "* ]] || continue
  for size in "1280 1500" "390 1500"; do
    read -r width height <<<"$size"
    for scheme in light dark; do
      file="$dir/$name-$width-$scheme.png"
      # Blink's preferredColorScheme: 0 is dark, 1 is light.
      [ "$scheme" = dark ] && pref=0 || pref=1
      timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size="$width,$height" --blink-settings=preferredColorScheme=$pref \
        --virtual-time-budget=5000 --screenshot="$file" "$base$path" 2>/dev/null
      # A palette keeps each PNG small enough for the repository (Debian package pngquant).
      pngquant --force --skip-if-larger --strip --quality 70-90 --output "$file" -- "$file" || true
      echo "$file $(stat -c %s "$file") bytes"
    done
  done
done
