#!/usr/bin/env bash
# Hooks per second of `listen --save` at 64 connections, fed by `replay
# --concurrency 64` over loopback (both on this machine: the figure is
# end to end, client included), and listen's peak RSS.
#
#   bash benches/listen.sh [HOOKS]     (default 20000)
#
# Run by benches/run.sh; runs alone too.
set -euo pipefail
cd "$(dirname "$0")/.."
HOOKS=${1:-20000}
dir=target/bench/listen
mkdir -p "$dir"
rm -f "$dir"/cap.ndjson "$dir"/cap.ndjson.meta.ndjson
cargo build --release --quiet --bin hookscope
bin=target/release/hookscope
# The batch sample's hooks, repeated.
awk -v n="$HOOKS" '{ l[NR] = $0 } END { for (i = 0; i < n; i++) print l[i % NR + 1] }' \
  samples/batch.ndjson > "$dir/hooks.ndjson"

"$bin" listen --port 0 --no-config --save "$dir/cap.ndjson" >/dev/null 2>"$dir/listen.err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  [ -s "$dir/listen.err" ] && break
  sleep 0.05
done
addr=$(head -1 "$dir/listen.err" | sed 's/^listening on //')

start=$(date +%s.%N)
"$bin" replay "$dir/hooks.ndjson" --no-config --to "$addr/" --concurrency 64 >/dev/null 2>"$dir/replay.err"
end=$(date +%s.%N)
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
kill -TERM "$pid"
wait "$pid"
trap - EXIT

saved=$(wc -l < "$dir/cap.ndjson")
if [ "$saved" -ne "$HOOKS" ]; then
  echo "listen saved $saved of $HOOKS hooks" >&2
  exit 1
fi
echo
echo "listen --save, 64 connections (replay --concurrency 64), $HOOKS hooks of samples/batch.ndjson:"
awk -v n="$HOOKS" -v s="$start" -v e="$end" -v h="$hwm" 'BEGIN {
  printf "| %-28s | %10s | %8s | %12s\n", "run", "hooks/s", "seconds", "peak RSS MB"
  printf "| %-28s | %10.0f | %8.2f | %12.1f\n", "listen --save (64 conns)", n / (e - s), e - s, h / 1024
}'
