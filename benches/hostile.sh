#!/usr/bin/env bash
# Hostile-input benchmark (issue 9, points 7-10 and 13): each case runs the
# release binary on a generated input at 1x and 4x size and prints the
# time ratio (about 4 when linear; the goal is under 6) and peak RSS.
#
#   bash benches/hostile.sh                  # every case
#   CASES='summary-long html' bash benches/hostile.sh   # names containing a word
#   RUNS=1 TIMEOUT=60 bash benches/hostile.sh
#   BIN=/tmp/old-hookscope bash benches/hostile.sh       # another binary
#
# Inputs are generated once into target/bench/hostile/ by
# benches/hostile_gen.py. A run over TIMEOUT seconds (default 300) is shown
# as ">TIMEOUT".
#
# Adding a case: write a function `case_<name>` (dashes become
# underscores) that takes the scale (1 or 4), calls `input KIND N` to get a
# generated file and sets CMD to the command to time; then add <name> to
# ALL_CASES. A case that sets MEM=1 is a memory case: its RSS column is
# also shown as a multiple of the input size.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench/hostile
mkdir -p "$dir"
BIN=${BIN:-target/release/hookscope}
RUNS=${RUNS:-3}
TIMEOUT=${TIMEOUT:-300}

ALL_CASES=(
  check-nuvidio-tags
  summary-nuvidio-tags
  check-strict-duplicate-keys
  summary-long-word
  summary-long-word-cols20
  summary-long-word-full
  summary-long-number
  csv-issues-html-comments
  summary-html-a
  summary-unknown-keys
  memory-talk-detect
  memory-talk-check
  memory-talk-summary
  memory-talk-summary-json
  memory-talk-csv
  memory-gzip-brackets
  memory-dev-zero
)

# input KIND N: the path of the generated input (made once).
input() {
  local file=$dir/$1-$2.json
  if [ ! -s "$file" ]; then
    python3 benches/hostile_gen.py "$1" "$2" > "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  INPUT=$file
}

# Point 8: 20,000 primary tags and 20,000 sub-tags in one list.
case_check_nuvidio_tags() {
  input nuvidio-tags $((20000 * $1))
  CMD=("$BIN" check "$INPUT")
}

# Point 8: the same list as tag chains.
case_summary_nuvidio_tags() {
  input nuvidio-tags $((20000 * $1))
  CMD=(env COLUMNS=100 "$BIN" summary "$INPUT")
}

# Point 10: 80,000 keys written twice in a free-form object.
case_check_strict_duplicate_keys() {
  input duplicate-keys $((80000 * $1))
  CMD=("$BIN" check --strict "$INPUT")
}

# Point 7: a 500 KB unbroken word in a message.
case_summary_long_word() {
  input talk-word $((500000 * $1))
  CMD=(env COLUMNS=100 "$BIN" summary "$INPUT")
}

# Point 7: the same word on a narrow terminal.
case_summary_long_word_cols20() {
  input talk-word $((500000 * $1))
  CMD=(env COLUMNS=20 "$BIN" summary "$INPUT")
}

# Point 7: the same word shown whole.
case_summary_long_word_full() {
  input talk-word $((500000 * $1))
  CMD=(env COLUMNS=100 "$BIN" summary --full "$INPUT")
}

# Point 7: a number of 10^6 digits (the talk's id, shown whole).
case_summary_long_number() {
  input talk-number $((1000000 * $1))
  CMD=(env COLUMNS=100 "$BIN" summary "$INPUT")
}

# Point 9: `<!--` x 200,000 in issue notes.
case_csv_issues_html_comments() {
  input notes-comments $((200000 * $1))
  CMD=("$BIN" csv --rows issues "$INPUT")
}

# Point 9: `<a` x 200,000 in issue notes.
case_summary_html_a() {
  input notes-a $((200000 * $1))
  CMD=(env COLUMNS=100 "$BIN" summary "$INPUT")
}

# Point 13: a talk with 250,000 (4x: 10^6) unknown keys, peak RSS.
case_summary_unknown_keys() {
  input talk-unknown-keys $((250000 * $1))
  CMD=(env COLUMNS=100 "$BIN" summary "$INPUT")
  MEM=1
}

# Point 13: peak memory per payload, one talk of 10,000 (4x: 40,000)
# messages (about 29 and 114 MB), for every command.
memory_talk() {
  input talk-messages $((10000 * $1))
  MEM=1
}
case_memory_talk_detect() { memory_talk "$1"; CMD=("$BIN" --jobs 1 detect "$INPUT"); }
case_memory_talk_check() { memory_talk "$1"; CMD=("$BIN" --jobs 1 check "$INPUT"); }
case_memory_talk_summary() { memory_talk "$1"; CMD=(env COLUMNS=100 "$BIN" --jobs 1 summary "$INPUT"); }
case_memory_talk_summary_json() { memory_talk "$1"; CMD=("$BIN" --jobs 1 summary --format json "$INPUT"); }
case_memory_talk_csv() { memory_talk "$1"; CMD=("$BIN" --jobs 1 csv --rows messages "$INPUT"); }

# Point 12: a gzip of 256 MB (4x: 1 GB) of `[`, read with --max-payload
# 16M: one payload-too-large error, memory bounded by the limit.
case_memory_gzip_brackets() {
  local file=$dir/gzip-brackets-$1.gz
  [ -s "$file" ] || head -c $((256 * 1024 * 1024 * $1)) /dev/zero | tr '\0' '[' | gzip -1 > "$file"
  INPUT=$file
  CMD=("$BIN" --max-payload 16M detect "$INPUT")
}

# Point 12: 256 MB (4x: 1 GB) of NUL bytes, as `detect /dev/zero` reads
# them, with --max-payload 16M.
case_memory_dev_zero() {
  INPUT=/dev/null
  CMD=(sh -c "head -c $((256 * 1024 * 1024 * $1)) /dev/zero | \"\$0\" --max-payload 16M detect" "$BIN")
}

# measure: best wall time of RUNS runs of CMD (milliseconds resolution)
# and the largest peak RSS (KB), as "SECONDS RSS_KB"; ">TIMEOUT" when a
# run does not finish.
measure() {
  local best="" rss=0 i t m code start
  for ((i = 0; i < RUNS; i++)); do
    start=$(date +%s%N)
    /usr/bin/time -o "$dir/time.txt" -f "%M %x" timeout "$TIMEOUT" "${CMD[@]}" >/dev/null 2>"$dir/stderr.txt" || true
    t=$(awk -v s="$start" -v e="$(date +%s%N)" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
    read -r m code < <(tail -1 "$dir/time.txt")
    if [ "$code" = 124 ]; then
      echo ">$TIMEOUT 0"
      return
    fi
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $rss"
}

selected() {
  [ -z "${CASES:-}" ] && return 0
  local word
  for word in ${CASES//,/ }; do
    [[ $1 == *"$word"* ]] && return 0
  done
  return 1
}

cargo build --release --quiet --bin hookscope
printf '| %-28s | %8s | %8s | %6s | %11s | %14s | %s\n' \
  case "1x s" "4x s" ratio "4x input MB" "4x peak RSS MB" "RSS/input"
printf '|%s|%s|%s|%s|%s|%s|%s\n' ------------------------------ ---------- ---------- -------- ------------- ---------------- -----------
for name in "${ALL_CASES[@]}"; do
  selected "$name" || continue
  fn=case_${name//-/_}
  MEM=0
  "$fn" 1
  read -r t1 _ < <(measure)
  "$fn" 4
  read -r t4 rss4 < <(measure)
  size=$(stat -c %s "$INPUT")
  awk -v n="$name" -v a="$t1" -v b="$t4" -v r="$rss4" -v s="$size" -v mem="$MEM" 'BEGIN {
    ratio = (a ~ />/ || b ~ />/) ? "-" : sprintf("%.1f", b / (a > 0.001 ? a : 0.001))
    per = mem ? sprintf("%.1fx", r * 1024 / s) : ""
    printf "| %-28s | %8s | %8s | %6s | %11.1f | %14.1f | %s\n", n, a, b, ratio, s / 1e6, r / 1024, per
  }'
done
