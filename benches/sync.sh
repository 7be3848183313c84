#!/usr/bin/env bash
# Sync benchmark: two replicas and a throwaway PostgreSQL server (Debian's package) on a
# private unix socket. Replica A records EVENTS events (notes on the claims of COPIES copies of
# the sample article), then: A's sync (push), B's sync (pull and merge), and an up-to-date
# sync of each, each timed with the release binary.
#   bash benches/sync.sh            # EVENTS=100000 by default
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${EVENTS:-100000}
COPIES=${COPIES:-100}
cargo build --release --quiet
BIN=$PWD/target/release/claimtrack
PG=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/ctbench.XXXX)
RUNAS=()
if [ "$(id -u)" = 0 ]; then chown nobody "$WORK"; RUNAS=(runuser -u nobody --); fi
"${RUNAS[@]}" "$PG/initdb" -D "$WORK/data" -U claimtrack --auth=trust -E UTF8 --no-sync >/dev/null
"${RUNAS[@]}" "$PG/pg_ctl" -D "$WORK/data" -l "$WORK/log" -w start \
    -o "-k $WORK -c listen_addresses='' -p 5432" >/dev/null
trap '"${RUNAS[@]}" "$PG/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null; rm -rf "$WORK"' EXIT
"$PG/createdb" -h "$WORK" -U claimtrack desk
export CLAIMTRACK_REMOTE="postgresql://claimtrack@${WORK//\//%2F}:5432/desk"
A="$BIN --db $WORK/a.db"
B="$BIN --db $WORK/b.db"

mkdir "$WORK/articles"
for n in $(seq 1 "$COPIES"); do
    { cat fixtures/seed_nysun_korea.txt; echo; echo "Copy $n of the wire story."; } >"$WORK/articles/$n.txt"
done
$A add "$WORK"/articles/*.txt >/dev/null
CLAIMS=$($A status --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"]["claims"])')
$A sync >/dev/null
$B sync >/dev/null
echo "replicas: $COPIES articles, $CLAIMS claims each"

made=0
round=0
while [ "$made" -lt "$EVENTS" ]; do
    round=$((round + 1))
    $A note "1-$CLAIMS" -m "pass $round: figure checked against the source" --by ana >/dev/null
    made=$((made + CLAIMS))
done
echo "replica A recorded $made events"

timed() {
    local label=$1; shift
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo "$label: $(( (end - start) / 1000000 )) ms"
}
timed "A sync (push $made events)" $A sync
timed "B sync (pull and merge $made events)" $B sync
for n in 1 2 3 4 5; do timed "B sync again (up to date, run $n)" $B sync; done
timed "A sync again (up to date)" $A sync
