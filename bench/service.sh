#!/usr/bin/env bash
# Times the service-assessment commands on a generated file set up as a
# GOV.UK service in beta: its alpha assessment held (14 outcomes, 6
# recommendations, 4 of them linked to items) and the beta assessment 20
# days away. Each file is timed against the parser floor and `item list` in
# the same run, and `check` against the same file without the service.
#
# Run by hand from anywhere in the repository (not in CI):
#
#   bench/service.sh                  # 10,000 items, 1,000 needs, 20,000 pieces of evidence
#
# Settings, from the environment: ITEMS (10000), BENCH_DIR
# (${TMPDIR:-/tmp}/productfile-bench-service), RUNS (30), CARGO_TARGET_DIR.
# Needs: cargo, hyperfine, jq.

set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ITEMS=${ITEMS:-10000}
RUNS=${RUNS:-30}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/productfile-bench-service}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
export PRODUCT_TODAY=2026-11-23 NO_COLOR=1 COLUMNS=120 PRODUCT_AS="Ada Okafor"

(cd "$repo" && cargo build --release --quiet --bin product --example generate --example floor)
product=$target_dir/release/product
generate=$target_dir/release/examples/generate
floor=$target_dir/release/examples/floor
mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR"

for format in toml json; do
  "$generate" --items "$ITEMS" --needs $((ITEMS / 10)) --evidence $((ITEMS * 2)) --format "$format" > "plain.$format"
  cp "plain.$format" "service.$format"
  p() { "$product" -q -f "service.$format" "$@"; }
  p service set --phase alpha --standard govuk --agreed-by "Tomasz Wren"
  p assessment plan --phase alpha --date 2026-09-14 --panel "Sam Lee"
  for n in 1 2 3 4 6 7 8 10 11 13 14; do p assessment record A1 --point "$n" --met; done
  p assessment record A1 --point 5 --not-met --recommendation "Test with screen reader users" --recommendation "Publish an accessibility statement"
  p assessment record A1 --point 9 --not-met --recommendation "Threat model" --recommendation "Retention schedule"
  p assessment record A1 --point 12 --not-met --recommendation "Publish the code"
  p assessment record A1 --point 1 --recommendation "Research with assisted digital users"
  # Four open items take on four recommendations; the first is done.
  read -r -a open < <("$product" -f "service.$format" item list --json |
    jq -r '[.items[] | select(.status != "done" and .status != "dropped") | .id][0:4] | join(" ")')
  for r in 1 2 3 4; do p item edit "${open[r - 1]}" --recommendation "A1.R$r"; done
  p item done "${open[0]}"
  key=${open[0]%-*}
  p service set --phase beta --agreed-by "Tomasz Wren"
  p assessment plan --phase beta --date 2026-12-13

  parse=toml-parse; [ "$format" = json ] && parse=json-parse
  hyperfine -N --warmup 3 --runs "$RUNS" --export-json "reads.$format.json" \
    "$floor $parse service.$format" \
    "$product -f service.$format item list" \
    "$product -f service.$format assessment prepare A2" \
    "$product -f plain.$format check" \
    "$product -f service.$format check" > /dev/null
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "writes.$format.json" \
    --prepare "cp service.$format write.$format" \
    "$product -f write.$format item edit $key-5 --tag x" \
    "$product -f write.$format assessment record A1 --point 3 --note Checked" > /dev/null
  for f in "reads.$format.json" "writes.$format.json"; do
    jq -r '.results[] | "\(.command | sub("^.*/"; ""))\tmin \(.min * 1000 | floor) ms\tmedian \(.median * 1000 | floor) ms"' "$f"
  done
done
