#!/usr/bin/env bash
# Times `product portfolio` on a portfolio of generated products: 50
# products (P1 to P50, seeds 1 to 50) of 1,000 items each, every one with
# about one open item in 50 depending on an item of the next two products
# (P1 on P2 and P3, ..., P50 on P1 and P2) and its objectives contributing
# to three portfolio objectives (PO1 to PO3). In TOML and in JSON, one
# hyperfine run each times the parser floor on every product file, and
# `portfolio show`, `check`, `deps` and `roadmap`, all with --json.
#
# Run by hand from anywhere in the repository (not in CI):
#
#   bench/portfolio.sh                     # 50 products of 1,000 items
#   PRODUCTS=10 ITEMS=10000 bench/portfolio.sh
#   GENERATE_ONLY=1 bench/portfolio.sh     # write the files and manifests, time nothing
#
# The floor is the parser alone on every product file, one after the
# other, in one process: what reading the portfolio costs at the least.
#
# Settings, from the environment: PRODUCTS (50), ITEMS (1000), RUNS (20),
# BENCH_DIR (${TMPDIR:-/tmp}/productfile-bench-portfolio), GENERATE_ONLY,
# CARGO_TARGET_DIR. Needs: cargo, hyperfine, jq.

set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PRODUCTS=${PRODUCTS:-50}
ITEMS=${ITEMS:-1000}
RUNS=${RUNS:-20}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/productfile-bench-portfolio}
GENERATE_ONLY=${GENERATE_ONLY:-}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
export PRODUCT_TODAY=2026-11-23 NO_COLOR=1 COLUMNS=120

if [ "$PRODUCTS" -lt 1 ]; then
  echo "portfolio.sh: PRODUCTS must be 1 or more" >&2
  exit 2
fi

(cd "$repo" && cargo build --release --quiet --bin product --example generate --example floor)
product=$target_dir/release/product
generate=$target_dir/release/examples/generate
floor=$target_dir/release/examples/floor
mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR"
rm -rf toml json
mkdir toml json

objectives=(
  "PO1|Take payments once, for every service"
  "PO2|Every service meets the accessibility standard"
  "PO3|Halve the cost of each transaction"
)
contributes=$(for o in "${objectives[@]}"; do printf '%s,' "${o%%|*}"; done)
contributes=${contributes%,}

# --- The products and the manifests -----------------------------------------

started=$(date +%s%N)
for i in $(seq 1 "$PRODUCTS"); do
  # The next two products' keys, wrapping; never the product's own.
  external=()
  for step in 1 2; do
    other=$(((i - 1 + step) % PRODUCTS + 1))
    if [ "$other" -ne "$i" ] && [[ " ${external[*]-} " != *" P$other "* ]]; then
      external+=("P$other")
    fi
  done
  args=(--items "$ITEMS" --seed "$i" --key "P$i" --contributes "$contributes")
  if [ "${#external[@]}" -gt 0 ]; then
    args+=(--external "$(IFS=,; echo "${external[*]}")")
  fi
  for format in toml json; do
    "$generate" "${args[@]}" --format "$format" > "$format/p$i.$format"
  done
done
finished=$(date +%s%N)

{
  printf '{\n  "name": "Bench portfolio",\n  "products": [\n'
  for i in $(seq 1 "$PRODUCTS"); do
    sep=,; [ "$i" -eq "$PRODUCTS" ] && sep=
    printf '    {"path": "p%d.json"}%s\n' "$i" "$sep"
  done
  printf '  ],\n  "objectives": [\n'
  for n in "${!objectives[@]}"; do
    sep=,; [ "$n" -eq $((${#objectives[@]} - 1)) ] && sep=
    printf '    {"id": "%s", "title": "%s"}%s\n' "${objectives[n]%%|*}" "${objectives[n]#*|}" "$sep"
  done
  printf '  ]\n}\n'
} > json/portfolio.json
{
  printf 'name = "Bench portfolio"\n'
  for i in $(seq 1 "$PRODUCTS"); do
    printf '\n[[products]]\npath = "p%d.toml"\n' "$i"
  done
  for o in "${objectives[@]}"; do
    printf '\n[[objectives]]\nid = "%s"\ntitle = "%s"\n' "${o%%|*}" "${o#*|}"
  done
} > toml/portfolio.toml

echo "Generated $PRODUCTS products of $ITEMS items, in TOML and JSON, in" \
  "$(awk "BEGIN { printf \"%.1f\", ($finished - $started) / 1e9 }") s: $BENCH_DIR/{toml,json}"
if [ -n "$GENERATE_ONLY" ]; then
  exit 0
fi

# --- Timings -----------------------------------------------------------------

for format in toml json; do
  cd "$BENCH_DIR/$format"
  manifest=portfolio.$format
  parse=toml-parse; [ "$format" = json ] && parse=json-parse
  # `portfolio check` exits 1 on errors, which the generated data has, so
  # hyperfine must ignore failures (-i, for every command of the run). Each
  # command is run once first, so that a real failure still stops the bench:
  # show, deps and roadmap must exit 0, check 0 or 1.
  for sub in show check deps roadmap; do
    status=0
    "$product" portfolio --manifest "$manifest" "$sub" --json > /dev/null || status=$?
    allowed=0; [ "$sub" = check ] && allowed=1
    if [ "$status" -gt "$allowed" ]; then
      echo "portfolio.sh: \`product portfolio --manifest $manifest $sub --json\` exited $status ($format)" >&2
      exit 1
    fi
  done
  hyperfine -N -i --warmup 2 --runs "$RUNS" --export-json "$BENCH_DIR/times.$format.json" \
    "$floor $parse $(for i in $(seq 1 "$PRODUCTS"); do printf 'p%d.%s ' "$i" "$format"; done)" \
    "$product portfolio --manifest $manifest show --json" \
    "$product portfolio --manifest $manifest check --json" \
    "$product portfolio --manifest $manifest deps --json" \
    "$product portfolio --manifest $manifest roadmap --json" > /dev/null
done

# --- Summary -----------------------------------------------------------------

echo
echo "Bench portfolio: $PRODUCTS products of $ITEMS items; times in ms"
echo
# One row per command, the same command's TOML and JSON figures side by
# side.
jq -r -s --argjson n "$PRODUCTS" '
  def ms: . * 10000 | round | "\(. / 10 | floor).\(. % 10)";
  def pad($w): . + (if length < $w then " " * ($w - length) else "" end);
  def lpad($w): (if length < $w then " " * ($w - length) else "" end) + .;
  def row: "| \(.[0] | pad(30)) | " + (.[1:] | map(lpad(11)) | join(" | ")) + " |";
  def name: .command
    | sub("^[^ ]*/floor (toml|json)-parse .*$"; "floor (parse every file)")
    | sub("^[^ ]*/product portfolio --manifest portfolio[.](toml|json) "; "portfolio ");
  (["command", "TOML min", "TOML median", "JSON min", "JSON median"] | row),
  "|\("-" * 32)|" + ([range(4)] | map("\("-" * 12):") | join("|")) + "|",
  ( .[0].results as $toml | .[1].results as $json
    | range($toml | length) as $k
    | [$toml[$k], $json[$k]] as $r
    | ([$r[0].min, $r[0].median, $r[1].min, $r[1].median]) as $times
    | ([$toml[$k] | name] + ($times | map(ms)) | row) )
  ' "$BENCH_DIR/times.toml.json" "$BENCH_DIR/times.json.json"
echo
echo "The floor parses all $PRODUCTS product files in one process (toml-parse or"
echo "json-parse). The portfolio commands read portfolio.toml or portfolio.json,"
echo "with --json. Hyperfine's exports: $BENCH_DIR/times.{toml,json}.json"
