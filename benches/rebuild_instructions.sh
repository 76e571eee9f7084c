#!/usr/bin/env bash
# Counts the instructions of one-file rebuilds in `minhbach serve` with
# callgrind, which, unlike a wall time, does not change while other programs
# use the machine.
#
#   bash benches/rebuild_instructions.sh              # national, 3 edits
#   EDITS=5 bash benches/rebuild_instructions.sh small
#   MINHBACH=/path/to/other/minhbach bash benches/rebuild_instructions.sh
#
# Serves the preset's generated corpus under valgrind with the counting
# off (the first build takes minutes even so), makes one edit uncounted
# (the first rebuild after a start is not a typical one), then counts EDITS
# edits of the newest session's summary, as benches/rebuild.sh makes them.
# Prints the instructions per rebuild and where they went (inclusive, the
# functions of minhbach); the profile is left in the printed folder for
# callgrind_annotate.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PRESET=${1:-national}
EDITS=${EDITS:-3}
PORT=${PORT:-18941}
command -v valgrind >/dev/null || {
    echo "needs valgrind (apt-get install valgrind)" >&2
    exit 1
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minhbach-instructions.XXXXXX")
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK/site" "$WORK/corpus"
}
trap cleanup EXIT INT TERM

echo "building the release binary and the corpus generator" >&2
cargo build --release --quiet --bin minhbach --example gen_corpus
# The lines read below are the English ones; builds that speak the site's
# language are asked for English.
LANG_ARG=()
if "${MINHBACH:-$ROOT/target/release/minhbach}" serve --help 2>/dev/null | grep -q -- "--lang"; then LANG_ARG=(--lang en); fi
BIN=${MINHBACH:-$ROOT/target/release/minhbach}
"$ROOT/target/release/examples/gen_corpus" --preset "$PRESET" --out "$WORK/corpus" >/dev/null

LOG="$WORK/serve.log"
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$WORK/callgrind.out" \
    "$BIN" serve "${LANG_ARG[@]}" --content "$WORK/corpus/content" --out "$WORK/site" --port "$PORT" >"$LOG" 2>&1 &
SERVER=$!
echo "serving the $PRESET corpus under valgrind; waiting for the first build" >&2
until grep -q "^serving" "$LOG"; do
    if ! kill -0 "$SERVER" 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
    sleep 5
done

SESSION=$(find "$WORK/corpus/content/sessions" -name session.yaml | sort | tail -1)
edit() {
    # $1: the words put before the Vietnamese summary
    local before
    before=$(grep -c "changed; rebuilt" "$LOG" || true)
    sed -i "/^summary:/{n;s/^  vi: \"/  vi: \"($1) /}" "$SESSION"
    until [ "$(grep -c "changed; rebuilt" "$LOG" || true)" -gt "$before" ]; do
        if ! kill -0 "$SERVER" 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
        sleep 1
    done
    sleep 2
}
edit "uncounted"
callgrind_control -z "$SERVER" >/dev/null
callgrind_control -i on "$SERVER" >/dev/null
for i in $(seq "$EDITS"); do edit "sửa $i"; done
callgrind_control -i off "$SERVER" >/dev/null
callgrind_control -d "$SERVER" >/dev/null
sleep 2
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
SERVER=""

grep "changed; rebuilt" "$LOG" | tail -n "$EDITS"
PROFILE=$(ls "$WORK"/callgrind.out.* | head -1)
total=$(callgrind_annotate "$PROFILE" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
printf '\n%s instructions in %d rebuilds: %d per rebuild\n' "$total" "$EDITS" "$((total / EDITS))"
callgrind_annotate --inclusive=yes "$PROFILE" | awk '/minhbach::/ && n++ < 25'
echo "profile: $PROFILE"
