#!/usr/bin/env bash
# Times `product` on generated product files, against the parsers' own floors.
#
# Run by hand from anywhere in the repository (not in CI):
#
#   bench/run.sh                                  # 1,000 and 10,000 items
#   SIZES="1000 10000 100000" bench/run.sh        # and 100,000 (several minutes more)
#
# It builds the release binary and the `generate` and `floor` examples, writes
# TOML and JSON product files of each size into $BENCH_DIR, then with
# hyperfine times the read commands, the write commands, the parser floors
# (examples/floor.rs) and a jq ranking of the JSON file; it measures each
# command's peak memory with /usr/bin/time -v, and writes one markdown table
# per size into $RESULTS (bench/README.md says what each column means).
#
# Settings, from the environment:
#   SIZES        item counts to generate and time        (default "1000 10000")
#   BENCH_DIR    where the generated files go; kept after the run, for profiling
#                                                        (default ${TMPDIR:-/tmp}/productfile-bench)
#   RESULTS      where hyperfine's JSON and the summaries go  (default bench/results)
#   SEED         the generator's seed                    (default 1)
#   HYPERFINE_OPTS  runs per command; default "--warmup 2 --min-runs 10" below
#                100,000 items, "--warmup 1 --runs 3" from 100,000
#   PRODUCT      a `product` binary to time instead of the one built here, to
#                compare two builds in the same conditions       (default: built)
#   CARGO_TARGET_DIR  honoured, as cargo does
#
# Needs: cargo, hyperfine, jq, GNU time at /usr/bin/time.

set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${SIZES:-"1000 10000"}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/productfile-bench}
RESULTS=${RESULTS:-$repo/bench/results}
SEED=${SEED:-1}
target_dir=${CARGO_TARGET_DIR:-$repo/target}

# Stable output: the generated files are dated around this day, and tables
# are laid out for a fixed width without colour.
export PRODUCT_TODAY=2026-11-20 NO_COLOR=1 COLUMNS=120

for tool in cargo hyperfine jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: needs $tool" >&2; exit 2; }
done

echo "== building (release)" >&2
(cd "$repo" && cargo build --release --quiet --bin product --example generate --example floor)
product=${PRODUCT:-$target_dir/release/product}
generate=$target_dir/release/examples/generate
floor=$target_dir/release/examples/floor

mkdir -p "$BENCH_DIR" "$RESULTS"

# The jq equivalent of `product rank --format json`: open items scored by
# WSJF = (value + time_criticality + risk_reduction) / size, unscored ones
# left out, highest first.
jq_rank='[.items[] | select(.status != "done" and .status != "dropped") | select(.value != null and .time_criticality != null and .risk_reduction != null and .size != null and .size > 0) | {id, score: ((.value + .time_criticality + .risk_reduction) / .size)}] | sort_by(-.score)'

# --- helpers ----------------------------------------------------------------

# Peak resident set size of one run of a command, in KiB.
peak_kib() {
  local out
  out=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$out" || { cat "$out" >&2; rm -f "$out"; return 1; }
  awk -F': ' '/Maximum resident set size/ {print $2}' "$out"
  rm -f "$out"
}

# median and minimum in seconds of a named command in a hyperfine export.
# The median, not the mean: on a shared machine a few runs that waited for
# the cores pull the mean up; the minimum is the run that waited least.
timing() { # file name
  jq -r --arg n "$2" '.results[] | select(.command == $n) | "\(.median) \(.min)"' "$1"
}

# The peak memory recorded for size, format and name, in KiB.
memory() { # size format name
  awk -F'\t' -v s="$1" -v f="$2" -v n="$3" '$1 == s && $2 == f && $3 == n {print $4}' "$memory_tsv"
}

ms() { awk -v s="$1" 'BEGIN {printf "%.1f", s * 1000}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
# "ok" when value <= limit, else "MISS".
verdict() { awk -v v="$1" -v l="$2" 'BEGIN {print (v <= l) ? "ok" : "MISS"}'; }

# Fuzzing processes: named so, or started from a fuzz folder (a libFuzzer
# target's own command line need not say "fuzz").
fuzzers() {
  local p cwd
  pgrep -fa fuzz || true
  for p in /proc/[0-9]*; do
    cwd=$(readlink "$p/cwd" 2>/dev/null) || continue
    case $cwd in
      */fuzz | */fuzz/*) echo "${p#/proc/} $(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)" ;;
    esac
  done | sort -u
}

groups=0 fuzz_groups=0
memory_tsv=$RESULTS/memory.tsv
: >"$memory_tsv"
: >"$RESULTS/load.log"

others=$(fuzzers | sort -u)
{
  echo "# productfile benchmark"
  echo
  echo "- commit: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo ' (with uncommitted changes to src)')"
  [ -n "${PRODUCT:-}" ] && echo "- timing the binary \`$PRODUCT\` (\`product --version\`: $("$product" --version)), not this commit's"
  echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM"
  echo "- files in: $BENCH_DIR ($(df -T "$BENCH_DIR" | awk 'NR == 2 {print $2}'))"
  echo "- started: $(date -u +%FT%TZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -n "$others" ]; then
    echo "- **a fuzzing process was running during this run** (timings share the cores with it):"
    echo
    echo '```'
    echo "$others" | cut -c1-160
    echo '```'
  else
    echo "- no fuzzing process was running when the run started"
  fi
  echo
} >"$RESULTS/summary.md"

for n in $SIZES; do
  echo "== $n items" >&2
  if [ -n "${HYPERFINE_OPTS:-}" ]; then
    read -r -a hf_opts <<<"$HYPERFINE_OPTS"
  elif [ "$n" -ge 100000 ]; then
    hf_opts=(--warmup 1 --runs 3)
  else
    hf_opts=(--warmup 2 --min-runs 10)
  fi
  middle="PP-$(((n + 1) / 2))"
  for fmt in toml json; do
    "$generate" --items "$n" --seed "$SEED" --format "$fmt" >"$BENCH_DIR/$n.$fmt"
    # A later version of the same file: one edit per hundred items.
    "$generate" --items "$n" --seed "$SEED" --format "$fmt" --edits $((n / 100 + 1)) >"$BENCH_DIR/$n-later.$fmt"
  done
  PRODUCT_AS=$(jq -r .product.owner "$BENCH_DIR/$n.json")
  export PRODUCT_AS

  for fmt in toml json; do
    file=$BENCH_DIR/$n.$fmt
    later=$BENCH_DIR/$n-later.$fmt
    work=$BENCH_DIR/work-$n.$fmt
    reads=(
      "show" "$product -f $file show"
      "item list" "$product -f $file item list"
      "rank" "$product -f $file rank"
      "rank --format json" "$product -f $file rank --format json"
      "okr list" "$product -f $file okr list"
      "check" "$product -f $file check"
      "diff OLD NEW" "$product diff $file $later"
    )
    writes=(
      "item add" "$product -f $work item add 'Added by the benchmark' --kind feature"
      "item edit --title" "$product -f $work item edit $middle --title 'Retitled by the benchmark'"
      "rank --apply" "$product -f $work rank --apply"
    )
    floors=()
    if [ "$fmt" = toml ]; then
      floors+=("floor toml-parse" "$floor toml-parse $file" "floor toml-edit" "$floor toml-edit $file"
        "product --version" "$product --version")
    else
      floors+=("floor json-parse" "$floor json-parse $file" "jq rank" "jq -c '$jq_rank' $file")
    fi

    for group in reads writes floors; do
      declare -n list=$group
      args=()
      for ((i = 0; i < ${#list[@]}; i += 2)); do
        args+=(-n "${list[i]}" "${list[i + 1]}")
      done
      prepare=()
      [ "$group" = writes ] && prepare=(--prepare "cp $file $work")
      echo "-- $n $fmt $group" >&2
      groups=$((groups + 1))
      [ -n "$(fuzzers)" ] && fuzz_groups=$((fuzz_groups + 1))
      echo "$n $fmt $group: load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/load.log"
      hyperfine -N --style basic "${hf_opts[@]}" "${prepare[@]}" \
        --export-json "$RESULTS/$n-$fmt-$group.json" \
        --export-markdown "$RESULTS/$n-$fmt-$group.md" \
        "${args[@]}" >"$RESULTS/$n-$fmt-$group.log"
      for ((i = 0; i < ${#list[@]}; i += 2)); do
        [ "$group" = writes ] && cp "$file" "$work"
        read -r -a cmd <<<"${list[i + 1]}"
        if [ "${list[i]}" = "jq rank" ]; then cmd=(jq -c "$jq_rank" "$file"); fi
        if [ "$group" = writes ]; then
          # One word of a title per array element would split it: rebuild.
          case ${list[i]} in
            "item add") cmd=("$product" -f "$work" item add "Added by the benchmark" --kind feature) ;;
            "item edit --title") cmd=("$product" -f "$work" item edit "$middle" --title "Retitled by the benchmark") ;;
          esac
        fi
        printf '%s\t%s\t%s\t%s\n' "$n" "$fmt" "${list[i]}" "$(peak_kib "${cmd[@]}")" >>"$memory_tsv"
      done
      unset -n list
    done
    rm -f "$work" "$work.lock"
  done

  # --- the table for this size ----------------------------------------------
  toml_bytes=$(stat -c %s "$BENCH_DIR/$n.toml")
  json_bytes=$(stat -c %s "$BENCH_DIR/$n.json")
  later_toml_bytes=$(stat -c %s "$BENCH_DIR/$n-later.toml")
  later_json_bytes=$(stat -c %s "$BENCH_DIR/$n-later.json")
  read -r tp_med tp_min < <(timing "$RESULTS/$n-toml-floors.json" "floor toml-parse")
  read -r te_med te_min < <(timing "$RESULTS/$n-toml-floors.json" "floor toml-edit")
  read -r jp_med jp_min < <(timing "$RESULTS/$n-json-floors.json" "floor json-parse")
  read -r jq_med jq_min < <(timing "$RESULTS/$n-json-floors.json" "jq rank")
  tp_rss=$(memory "$n" toml "floor toml-parse")
  te_rss=$(memory "$n" toml "floor toml-edit")
  jp_rss=$(memory "$n" json "floor json-parse")
  jq_rss=$(memory "$n" json "jq rank")
  case $n in
    10000) json_read_limit=0.030 json_write_limit=0.060 ;;
    100000) json_read_limit=0.300 json_write_limit=0.600 ;;
    *) json_read_limit="" json_write_limit="" ;;
  esac

  {
    echo "## $n items"
    echo
    echo "Files: TOML $toml_bytes bytes ($(mb $((toml_bytes / 1024))) MiB), JSON $json_bytes bytes ($(mb $((json_bytes / 1024))) MiB); the later versions for diff: TOML $later_toml_bytes, JSON $later_json_bytes bytes. Times in ms (median, and the minimum in brackets), memory in MiB."
    echo
    echo "| command | TOML median (min) | TOML floor | TOML ÷ floor | TOML limit | TOML time | JSON median (min) | JSON ÷ json-parse | JSON limit | JSON time | TOML peak RSS | TOML RSS limit | TOML mem | JSON peak RSS | JSON RSS limit | JSON mem |"
    echo "|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---|---:|---:|---|"
    for entry in "show:read" "item list:read" "rank:read" "rank --format json:read" "okr list:read" "check:read" "diff OLD NEW:read" \
      "item add:write" "item edit --title:write" "rank --apply:write"; do
      name=${entry%:*}
      kind=${entry##*:}
      files=1
      [ "$name" = "diff OLD NEW" ] && files=2
      read -r t_med t_min < <(timing "$RESULTS/$n-toml-${kind}s.json" "$name")
      read -r j_med j_min < <(timing "$RESULTS/$n-json-${kind}s.json" "$name")
      t_rss=$(memory "$n" toml "$name")
      j_rss=$(memory "$n" json "$name")
      if [ "$kind" = read ]; then
        floor_s=$(awk -v f="$tp_med" -v k="$files" 'BEGIN {print f * k}')
        t_limit=$(awk -v f="$floor_s" 'BEGIN {print 1.3 * f + 0.015}')
        parser_rss=$tp_rss
        j_limit=$json_read_limit
      else
        floor_s=$te_med
        t_limit=$(awk -v f="$floor_s" 'BEGIN {print 1.2 * f + 0.020}')
        parser_rss=$te_rss
        j_limit=$json_write_limit
      fi
      t_bytes=$toml_bytes j_bytes=$json_bytes
      if [ "$files" = 2 ]; then
        t_bytes=$((toml_bytes + later_toml_bytes)) j_bytes=$((json_bytes + later_json_bytes))
        # Two documents parsed: twice the parser's own memory.
        parser_rss=$((parser_rss * 2))
        [ -n "$j_limit" ] && j_limit=$(awk -v l="$j_limit" 'BEGIN {print 2 * l}')
      fi
      if [ "$kind" = write ]; then
        # A write holds the document and the product before and after the
        # change, never a second parse of the text: 1.1 × the toml-edit floor.
        t_rss_limit=$((parser_rss * 11 / 10))
      else
        t_rss_limit=$((parser_rss + 2 * t_bytes / 1024))
      fi
      j_rss_limit=$((5 * j_bytes / 1024))
      if [ -n "$j_limit" ]; then
        j_limit_ms=$(ms "$j_limit") j_verdict=$(verdict "$j_med" "$j_limit")
      else
        j_limit_ms="—" j_verdict="—"
      fi
      printf '| %s | %s (%s) | %s | %s× | %s | %s | %s (%s) | %s× | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$name" "$(ms "$t_med")" "$(ms "$t_min")" "$(ms "$floor_s")" \
        "$(awk -v a="$t_med" -v b="$floor_s" 'BEGIN {printf "%.2f", a / b}')" \
        "$(ms "$t_limit")" "$(verdict "$t_med" "$t_limit")" \
        "$(ms "$j_med")" "$(ms "$j_min")" \
        "$(awk -v a="$j_med" -v b="$jp_med" -v k="$files" 'BEGIN {printf "%.1f", a / (b * k)}')" \
        "$j_limit_ms" "$j_verdict" \
        "$(mb "$t_rss")" "$(mb "$t_rss_limit")" "$(verdict "$t_rss" "$t_rss_limit")" \
        "$(mb "$j_rss")" "$(mb "$j_rss_limit")" "$(verdict "$j_rss" "$j_rss_limit")"
    done
    echo
    echo "| floor | median (min) | peak RSS |"
    echo "|---|---:|---:|"
    echo "| toml-parse (\`toml::from_str::<toml::Table>\`) | $(ms "$tp_med") ($(ms "$tp_min")) | $(mb "$tp_rss") |"
    echo "| toml-edit (\`DocumentMut\` parse + \`to_string\`) | $(ms "$te_med") ($(ms "$te_min")) | $(mb "$te_rss") |"
    echo "| json-parse (\`serde_json::from_str::<Value>\`) | $(ms "$jp_med") ($(ms "$jp_min")) | $(mb "$jp_rss") |"
    echo "| jq rank (parse, WSJF, sort) | $(ms "$jq_med") ($(ms "$jq_min")) | $(mb "$jq_rss") |"
    read -r pv_med pv_min < <(timing "$RESULTS/$n-toml-floors.json" "product --version")
    echo "| process start (\`product --version\`) | $(ms "$pv_med") ($(ms "$pv_min")) | $(mb "$(memory "$n" toml "product --version")") |"
    echo
    read -r rj_med _ < <(timing "$RESULTS/$n-json-reads.json" "rank --format json")
    ratio=$(awk -v a="$rj_med" -v b="$jq_med" 'BEGIN {printf "%.2f", a / b}')
    echo "\`rank --format json\` ÷ jq rank on JSON: **${ratio}×** (limit 2×: $(verdict "$ratio" 2))"
    echo
  } >"$RESULTS/summary-$n.md"
  cat "$RESULTS/summary-$n.md" >>"$RESULTS/summary.md"
done

{
  echo "- finished: $(date -u +%FT%TZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- a fuzzing process was seen at the start of $fuzz_groups of $groups hyperfine groups"
} >>"$RESULTS/summary.md"
echo "== done: $RESULTS/summary.md" >&2
cat "$RESULTS/summary.md"
