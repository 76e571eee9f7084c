#!/usr/bin/env bash
# Seeds the fuzzing corpora (fuzz/corpus/<target>/) from the bundled
# content, the register and the test fixtures, so that the fuzzer starts
# from real files instead of random bytes. Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mkdir -p fuzz/corpus/load fuzz/corpus/markdown fuzz/corpus/printed fuzz/corpus/format

# load: one seed per content folder (all its files, NUL-separated, each
# starting with its path), plus one per single file.
seed_folder() { # <content dir> <seeds dir or ""> <seed name>
    local content=$1 seeds=$2 name=$3 first=1
    {
        while IFS= read -r -d '' f; do
            [[ $first == 1 ]] || printf '\0'
            first=0
            printf '%s\n' "${f#"$content"/}"
            cat "$f"
        done < <(find "$content" -type f \( -name '*.yaml' -o -name '*.md' \) -print0 | sort -z)
        if [[ -n $seeds && -d $seeds ]]; then
            while IFS= read -r -d '' f; do
                printf '\0seeds/%s\n' "$(basename "$f")"
                cat "$f"
            done < <(find "$seeds" -maxdepth 1 -name '*.yaml' -print0 | sort -z)
        fi
    } > "fuzz/corpus/load/$name"
}
seed_folder content seeds bundled
for fixture in tests/fixtures/*/; do
    name=$(basename "$fixture")
    [[ -d $fixture/content ]] && seed_folder "$fixture/content" "$fixture/seeds" "fixture-$name"
done
n=0
while IFS= read -r -d '' f; do
    n=$((n + 1))
    { printf '%s\n' "${f#content/}"; cat "$f"; } > "fuzz/corpus/load/file-$n"
done < <(find content -type f -name '*.yaml' -print0 | sort -z | head -z -n 20)

# markdown: every note, with a heading offset byte in front.
n=0
while IFS= read -r -d '' f; do
    n=$((n + 1))
    { printf '\002'; cat "$f"; } > "fuzz/corpus/markdown/note-$n"
done < <(find content tests/fixtures -type f -name '*.md' -print0 | sort -z)

# printed: every figure value of the register, as printed.
n=0
grep -h '^ *value:' seeds/*.yaml | sed -e 's/^ *value: *//' -e 's/^"//' -e 's/"$//' | sort -u |
    while IFS= read -r v; do
        n=$((n + 1))
        printf '%s' "$v" > "fuzz/corpus/printed/figure-$n"
    done

# format: a few floats (8 + 8 bytes, then decimals, unit, language).
printf '\x1f\x85\xebQ\xb8\x9e&@\x00\x00\x00\x00\x00\x00Y@\x02\x00\x00' > fuzz/corpus/format/percent-vi
printf '\x00\x00\x00\x00\x00\x00\xf8\x7f\x00\x00\x00\x00\x00\x00\xf0\x7f\x02\x03\x01' > fuzz/corpus/format/nan-inf

echo "corpus: $(ls fuzz/corpus/load | wc -l) load, $(ls fuzz/corpus/markdown | wc -l) markdown, $(ls fuzz/corpus/printed | wc -l) printed, $(ls fuzz/corpus/format | wc -l) format seeds"
