#!/usr/bin/env bash
# Compares every output of two hookscope binaries on the bundled samples
# and on a corpus: detect (text, json), check (text, json; default and
# --strict), summary (text, json) and every csv entity. Prints one line per
# comparison and exits 1 when any differs.
#
#   benches/same_output.sh BASE_BIN NEW_BIN CORPUS [JOBS]
set -u
base=$1 new=$2 corpus=$3 jobs=${4:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
samples=$(find "$root/samples" -type f \( -name '*.json' -o -name '*.ndjson' \) | sort)
entities=$("$new" csv --list | awk '/^[a-z]/ {print $1}')
status=0
compare() { # label, then the arguments
    local label=$1
    shift
    local a b
    a=$(cd "$root" && NO_COLOR=1 COLUMNS=100 "$base" --jobs "$jobs" "$@" 2>&1 | md5sum)
    b=$(cd "$root" && NO_COLOR=1 COLUMNS=100 "$new" --jobs "$jobs" "$@" 2>&1 | md5sum)
    if [ "$a" = "$b" ]; then
        echo "same    $label ${a%% *}"
    else
        echo "DIFFER  $label"
        status=1
    fi
}
for input in samples corpus; do
    if [ $input = samples ]; then files=$samples; else files=$corpus; fi
    # shellcheck disable=SC2086
    {
        compare "$input detect" detect $files
        compare "$input detect-json" detect --format json $files
        compare "$input check" check $files
        compare "$input check-json" check --format json $files
        compare "$input check-strict-json" check --strict --format json $files
        compare "$input summary" summary $files
        compare "$input summary-json" summary --format json $files
        for entity in $entities; do
            compare "$input csv-$entity" csv --rows "$entity" $files
        done
    }
done
exit $status
