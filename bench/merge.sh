#!/usr/bin/env bash
# Times `product merge` (the git merge driver) on two branches' versions of
# a generated product file, against the parser floors of the same run.
#
#   bench/merge.sh                        # 10,000 items, 100 edits on each side
#   ITEMS=100000 EDITS=1000 bench/merge.sh
#
# The base is `generate --items ITEMS`; ours and theirs are the same product
# with EDITS edits each, from two streams of edits (`--edit-seed 1` and `2`):
# retitles, value changes, done and dropped items, moves, added items (both
# sides add under the same new ids, so theirs are renumbered) and check-ins.
# A merge reads three files and writes one, so its floor is three parses and
# one print of the document: `floor toml-parse` x 3 + `floor toml-edit`
# (which parses and prints once), and `floor json-parse` x 4 for JSON.
# Prints a markdown table of medians and minimums (ms), and peak memory.
#
# Needs: cargo, hyperfine, jq, GNU time at /usr/bin/time.

set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ITEMS=${ITEMS:-10000}
EDITS=${EDITS:-100}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/productfile-bench}
RESULTS=${RESULTS:-$repo/bench/results}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
export PRODUCT_TODAY=2026-11-20 NO_COLOR=1

for tool in cargo hyperfine jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/merge.sh: needs $tool" >&2; exit 2; }
done
(cd "$repo" && cargo build --release --quiet --bin product --example generate --example floor)
product=${PRODUCT:-$target_dir/release/product}
generate=$target_dir/release/examples/generate
floor=$target_dir/release/examples/floor
mkdir -p "$BENCH_DIR" "$RESULTS"

timing() { jq -r --arg n "$2" '.results[] | select(.command == $n) | "\(.median) \(.min)"' "$1"; }
ms() { awk -v s="$1" 'BEGIN {printf "%.1f", s * 1000}'; }
peak_mib() {
  local out
  out=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$out" || true
  awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$out"
  rm -f "$out"
}

echo "| format | merge median (min) | floor median (min) | merge ÷ floor (medians) | conflicts | renumbered | merge peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for fmt in toml json; do
  d=$BENCH_DIR/merge-$ITEMS
  mkdir -p "$d"
  "$generate" --items "$ITEMS" --format "$fmt" >"$d/base.$fmt"
  "$generate" --items "$ITEMS" --format "$fmt" --edits "$EDITS" --edit-seed 1 >"$d/ours.$fmt"
  "$generate" --items "$ITEMS" --format "$fmt" --edits "$EDITS" --edit-seed 2 >"$d/theirs.$fmt"
  merge="$product merge $d/base.$fmt $d/work.$fmt $d/theirs.$fmt --path product.$fmt -q"
  if [ "$fmt" = toml ]; then
    floor_cmd="sh -c '$floor toml-parse $d/base.$fmt; $floor toml-parse $d/theirs.$fmt; $floor toml-parse $d/ours.$fmt; $floor toml-edit $d/ours.$fmt'"
  else
    floor_cmd="sh -c '$floor json-parse $d/base.$fmt; $floor json-parse $d/theirs.$fmt; $floor json-parse $d/ours.$fmt; $floor json-parse $d/ours.$fmt'"
  fi
  hyperfine -N --style none --warmup 2 --min-runs 10 -i \
    --prepare "cp $d/ours.$fmt $d/work.$fmt" \
    --export-json "$RESULTS/merge-$ITEMS-$fmt.json" \
    -n merge "$merge" -n floor "$floor_cmd" >/dev/null
  read -r m_med m_min < <(timing "$RESULTS/merge-$ITEMS-$fmt.json" merge)
  read -r f_med f_min < <(timing "$RESULTS/merge-$ITEMS-$fmt.json" floor)
  cp "$d/ours.$fmt" "$d/work.$fmt"
  report=$($product --json merge "$d/base.$fmt" "$d/work.$fmt" "$d/theirs.$fmt" --path "product.$fmt" || true)
  cp "$d/ours.$fmt" "$d/work.$fmt"
  rss=$(peak_mib $product merge "$d/base.$fmt" "$d/work.$fmt" "$d/theirs.$fmt" --path "product.$fmt" -q)
  echo "| $fmt | $(ms "$m_med") ($(ms "$m_min")) | $(ms "$f_med") ($(ms "$f_min")) | $(awk -v a="$m_med" -v b="$f_med" 'BEGIN {printf "%.2f", a / b}') | $(jq .conflict_count <<<"$report") | $(jq '.renumbered | length' <<<"$report") | $rss |"
done
