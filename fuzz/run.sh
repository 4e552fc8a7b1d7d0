#!/usr/bin/env bash
# Fuzz every entry point with cargo-fuzz (libFuzzer), seeding each corpus
# from samples/. Needs `cargo install cargo-fuzz`; on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz use the sanitizer flags it needs.
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET]     (default 360)
#
# Crashes land in fuzz/artifacts/<target>/; each becomes a regression test.
# The targets' own stderr (redact's and explain's diagnostics) is closed
# (-close_fd_mask=2); libFuzzer's report still shows. Replay an artifact
# with `cargo fuzz run -O <target> <artifact>` to see the panic message.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-360}
export RUSTC_BOOTSTRAP=1
for target in framer reader json_build detect check summary csv redact minify explain; do
  mkdir -p "corpus/$target"
  cp ../samples/*/*.json ../samples/batch.ndjson "corpus/$target/"
  # redact starts a thread per input: LeakSanitizer now and then takes
  # glibc's thread-exit bookkeeping (32 bytes from __cxa_thread_atexit_impl,
  # not reproducible on replay) for a leak.
  leaks=1
  [ "$target" = redact ] && leaks=0
  echo "== $target: ${seconds}s" >&2
  cargo fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 \
    -close_fd_mask=2 -detect_leaks="$leaks" 2>&1 |
    grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|==|SUMMARY|Done)" || true
done
