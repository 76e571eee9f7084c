#!/usr/bin/env bash
# Times one-file rebuilds in `minhbach serve`, as an author makes them.
#
#   bash benches/rebuild.sh            # national preset, 5 edits
#   EDITS=10 bash benches/rebuild.sh small
#   MINHBACH=/path/to/other/minhbach bash benches/rebuild.sh   # another build
#
# Generates the preset's corpus, serves it, waits for the first build, then
# edits the summary of the newest session EDITS times, one edit at a time.
# After each edit it prints the line serve prints, whose time runs from the
# first file event to the last write (it includes the wait for a burst of
# events to settle: 3 ms after a save seen finished, as `sed -i`'s rename
# is, 30 ms otherwise). The last line gives the median.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PRESET=${1:-national}
EDITS=${EDITS:-5}
PORT=${PORT:-18931}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minhbach-rebuild.XXXXXX")
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "building the release binary and the corpus generator" >&2
cargo build --release --quiet --bin minhbach --example gen_corpus
BIN=${MINHBACH:-$ROOT/target/release/minhbach}
"$ROOT/target/release/examples/gen_corpus" --preset "$PRESET" --out "$WORK/corpus" >/dev/null

LOG="$WORK/serve.log"
# The lines read below are the English ones; builds that speak the site's
# language are asked for English.
LANG_ARG=()
if "$BIN" serve --help 2>/dev/null | grep -q -- "--lang"; then LANG_ARG=(--lang en); fi
"$BIN" serve "${LANG_ARG[@]}" --content "$WORK/corpus/content" \
    --out "$WORK/site" --port "$PORT" >"$LOG" 2>&1 &
SERVER=$!
echo "serving the $PRESET corpus; waiting for the first build" >&2
until grep -q "^serving" "$LOG"; do
    if ! kill -0 "$SERVER" 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
    sleep 1
done
# Older builds word the first build's line differently.
grep "^built" "$LOG" >&2 || true

SESSION=$(find "$WORK/corpus/content/sessions" -name session.yaml | sort | tail -1)
for i in $(seq "$EDITS"); do
    before=$(grep -c "changed; rebuilt" "$LOG" || true)
    # The Vietnamese summary gets one more word each time.
    old=$(cat "$SESSION")
    sed -i "/^summary:/{n;s/^  vi: \"/  vi: \"(sửa $i) /}" "$SESSION"
    if [ "$old" = "$(cat "$SESSION")" ]; then
        echo "$SESSION has no Vietnamese summary to edit" >&2
        exit 1
    fi
    waited=0
    until [ "$(grep -c "changed; rebuilt" "$LOG" || true)" -gt "$before" ]; do
        sleep 0.2
        waited=$((waited + 1))
        if [ "$waited" -ge 300 ]; then
            cat "$LOG" >&2
            echo "no rebuild within a minute of the edit" >&2
            exit 1
        fi
    done
    grep "changed; rebuilt" "$LOG" | tail -1
    # Let the watcher go quiet before the next edit.
    sleep 1
done
grep "changed; rebuilt" "$LOG" | sed -E 's/.* in ([0-9]+) ms.*/\1/' | sort -n |
    awk '{ t[NR] = $1 } END { printf "median of %d rebuilds: %d ms\n", NR, t[int((NR + 1) / 2)] }'
