#!/usr/bin/env bash
# The live server under load from a second process on loopback (a benchmark, not a test):
# `corsctl serve` with the demo bundle, then wrk: first exactly 100,000 requests (preflights and
# actual requests in turn) and the server's memory after them, then a timed run on preflights
# alone and one on actual requests alone for their requests per second. Prints the share of
# answers that were not 2xx and the server's memory (VmRSS, and its peak VmHWM) along the way.
#
#   scripts/live-load.sh [BUILD_DIR] [SECONDS_PER_RUN] [CONNECTIONS]
#   (defaults: build-release 10 32; build it with
#    cmake --preset release && cmake --build --preset release --target corsctl)
#
# Needs wrk (Debian package "wrk"; scripts/setup.sh deps test installs it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build-release}"
seconds="${2:-10}"
connections="${3:-32}"
corsctl="$here/$build/bin/corsctl"
[ -x "$corsctl" ] || { echo "live-load: no $corsctl; build it first" >&2; exit 2; }
command -v wrk >/dev/null || { echo "live-load: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

log="$(mktemp)"
"$corsctl" serve --bundle "$here/resources/demo/demo.corsbundle.json" --port 0 --page-port 0 --log none >"$log" 2>&1 &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 50); do
    grep -q "Stop with Ctrl+C" "$log" && break
    sleep 0.1
done
port="$(sed -n 's|^  API *http://localhost:\([0-9]*\)/.*|\1|p' "$log")"
[ -n "$port" ] || { cat "$log" >&2; exit 1; }
url="http://127.0.0.1:$port/items?tenant=acme-storefront"

memory() {
    printf '%-28s %s, %s\n' "$1" "$(grep VmRSS "/proc/$server/status" | tr -s ' \t' ' ')" \
        "$(grep VmHWM "/proc/$server/status" | tr -s ' \t' ' ')"
}

total=0
run() { # name script
    local output requests rps errors
    output="$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$here/scripts/live-load/$2.lua" "$url")"
    requests="$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' <<<"$output")"
    rps="$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$output")"
    errors="$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$output")"
    total=$((total + requests))
    printf '%-28s %8s requests/s  (%s requests in %ss, %s connections; non-2xx: %s; latency p50 %s, p99 %s)\n' \
        "$1" "$rps" "$requests" "$seconds" "$connections" "${errors:-0}" \
        "$(awk '$1 == "50%" {print $2}' <<<"$output")" "$(awk '$1 == "99%" {print $2}' <<<"$output")"
}

echo "corsctl serve on 127.0.0.1:$port (pid $server), wrk from another process; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
memory "memory at start:"
# Bounded by the request count (the Lua script ends wrk) and, in case, by 120 s.
printf '%-28s %s\n' "100,000 requests, mixed:" \
    "$(LIMIT=100000 wrk -t1 -c"$connections" -d120s -s "$here/scripts/live-load/mixed.lua" "$url" | tail -1)"
memory "memory after 100,000:"
run "preflights (OPTIONS):" preflight
run "actual requests (PUT):" actual
memory "memory after $((total + 100000)) requests:"
