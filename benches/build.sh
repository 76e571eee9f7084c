#!/usr/bin/env bash
# Whole-build benchmark: minhbach on generated corpora of three sizes, and
# Hugo on a plain Markdown site with as many pages as minhbach's national
# output has files, timed the same way in the same run.
#
#   bash benches/build.sh                 # small, national, huge, then Hugo
#   bash benches/build.sh small national  # chosen presets (Hugo needs national)
#   RUNS=5 bash benches/build.sh national # best of 5 instead of best of 3
#   OUT=/dev/shm bash benches/build.sh national  # both sites written there
#
# Prints, for each preset: results, output files, wall time, output files
# per second and peak memory (maximum resident set size, from
# /usr/bin/time -v); then Hugo's pages per second and the ratio. Each figure
# is the fastest of RUNS runs (peak memory is from that run). Everything is
# written under temporary folders (the sites under OUT, when given), removed
# at the end.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
RUNS=${RUNS:-3}
PRESETS=("$@")
if [ ${#PRESETS[@]} -eq 0 ]; then
    PRESETS=(small national huge)
fi

need_apt() {
    # $1: command, $2: Debian package
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "installing $2 from Debian's packages" >&2
        if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$2" >/dev/null
    fi
}
need_apt /usr/bin/time time

WORK=$(mktemp -d "${TMPDIR:-/tmp}/minhbach-bench.XXXXXX")
# Where both tools write their sites: OUT=/dev/shm times the generators
# without the disk's file system (see the README's performance section).
OUT=$(mktemp -d "${OUT:-$WORK}/minhbach-bench-out.XXXXXX")
cleanup() { rm -rf "$WORK" "$OUT"; }
trap cleanup EXIT INT TERM

echo "building the release binary and the corpus generator" >&2
cargo build --release --quiet --bin minhbach --example gen_corpus
BIN="$ROOT/target/release/minhbach"
GEN="$ROOT/target/release/examples/gen_corpus"

# Runs a command under /usr/bin/time -v; sets WALL (seconds) and RSS_MB.
timed() {
    local log="$WORK/time.log"
    /usr/bin/time -v "$@" 2>"$log" >/dev/null || {
        cat "$log" >&2
        echo "failed: $*" >&2
        exit 1
    }
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + p[i]
        printf "%.3f", s }' "$log")
    RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
}

# Runs "$@" RUNS times after running $PREP each time (untimed); keeps the
# fastest wall time in BEST_WALL and its peak memory in BEST_RSS.
best_of() {
    local prep=$1
    shift
    BEST_WALL=""
    BEST_RSS=""
    for _ in $(seq "$RUNS"); do
        eval "$prep"
        timed "$@"
        if [ -z "$BEST_WALL" ] || awk -v a="$WALL" -v b="$BEST_WALL" 'BEGIN { exit !(a < b) }'; then
            BEST_WALL=$WALL
            BEST_RSS=$RSS_MB
        fi
    done
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

printf '\nmachine: %s cores, %s; %s\n' "$(nproc)" "$(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo)" "$("$BIN" --version)"
printf 'commit: %s\n\n' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '%-9s %9s %9s %9s %12s %9s\n' preset results files "wall s" "files/s" "peak MB"

NATIONAL_FILES=""
NATIONAL_RATE=""
for preset in "${PRESETS[@]}"; do
    dir="$WORK/$preset"
    summary=$("$GEN" --preset "$preset" --out "$dir" 2>&1)
    results=$(sed -n 's/.* \([0-9]*\) results.*/\1/p' <<<"$summary")
    "$BIN" check --content "$dir/content" >/dev/null 2>&1 || {
        "$BIN" check --content "$dir/content" || true
        echo "the $preset corpus does not check clean" >&2
        exit 1
    }
    site="$OUT/$preset-site"
    best_of "rm -rf '$site'" "$BIN" build --content "$dir/content" --out "$site"
    files=$(find "$site" -type f | wc -l)
    r=$(rate "$files" "$BEST_WALL")
    printf '%-9s %9s %9s %9s %12s %9s\n' "$preset" "$results" "$files" "$BEST_WALL" "$r" "$BEST_RSS"
    if [ "$preset" = national ]; then
        NATIONAL_FILES=$files
        NATIONAL_RATE=$r
    fi
    rm -rf "$dir" "$site"
done

if [ -z "$NATIONAL_FILES" ]; then
    echo "(Hugo is compared with the national preset; include it to compare)"
    exit 0
fi

# Hugo on a plain Markdown site with as many pages as minhbach wrote files.
need_apt hugo hugo
hs="$WORK/hugo"
mkdir -p "$hs/content/posts" "$hs/layouts/_default"
cat >"$hs/hugo.toml" <<'EOF'
baseURL = "https://example.org/"
title = "Bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
EOF
echo '<!doctype html><title>{{ .Title }}</title>{{ .Content }}' >"$hs/layouts/_default/single.html"
echo '<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}' >"$hs/layouts/_default/list.html"
# Pages of about the size of a minhbach result: a heading, a paragraph with
# diacritics, a small table.
awk -v n="$((NATIONAL_FILES - 2))" -v dir="$hs/content/posts" 'BEGIN {
    for (i = 1; i <= n; i++) {
        f = sprintf("%s/p%06d.md", dir, i)
        printf "---\ntitle: \"Chỉ tiêu %d\"\n---\n\n## Kết quả %d\n\nTỉ lệ hồ sơ được xử lý trực tuyến toàn trình của doanh nghiệp, theo số liệu của Bộ Thông tin và Truyền thông.\n\n| Chỉ tiêu | Thực hiện | Mục tiêu |\n| :--- | ---: | ---: |\n| Dịch vụ công trực tuyến | %d,%02d%% | 80%% |\n| Hồ sơ được số hóa | %d | %d |\n", i, i, i % 100, i % 97, i * 7, i * 9 > f
        close(f)
    }
}'
best_of "rm -rf '$OUT/hugo-public' '$hs/resources'" hugo --quiet -s "$hs" --destination "$OUT/hugo-public"
hugo_pages=$(find "$OUT/hugo-public" -name '*.html' | wc -l)
hr=$(rate "$hugo_pages" "$BEST_WALL")
printf '%-9s %9s %9s %9s %12s %9s\n' hugo "-" "$hugo_pages" "$BEST_WALL" "$hr" "$BEST_RSS"
printf '\n%s\n' "$(hugo version | head -n1)"
printf 'national: minhbach %s output files/s, Hugo %s pages/s: ratio %s\n' "$NATIONAL_RATE" "$hr" \
    "$(awk -v a="$NATIONAL_RATE" -v b="$hr" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
