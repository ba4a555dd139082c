#!/usr/bin/env bash
# Static routing benchmark (issue 6): the per-request cost, from a Java client of the embedding API
# (Window.fetch), of a 1 KiB cache hit served by
#   (a) a `cache` static route (the worker stopped),
#   (b) a `network` static route to a loopback origin (the worker stopped),
#   (c) the same decision in a fetch handler: respondWith(caches.match(event.request)) (running),
# as p50/p99/mean in us; the ratio (c)/(a) of the p50s (goal >= 3); and the worker starts during
# (a) and (b) (goal 0). One JVM, GraalJS's JIT on (bench_jvm_opts), the origin in-process (Jetty),
# the stores SQLite in a fresh directory: org.sw4j.bench.StaticRoutingBench.
#
# Usage: bench/run-routing-bench.sh [--warmup N] [--iterations N] [--seconds N] [--warmup-seconds N] [--skip-build]
# Each configuration warms up for at least --warmup fetches and --warmup-seconds (default 500, 20;
# at most twice the seconds), then times at most --iterations fetches for at most --seconds
# (default 5000, 15). --skip-build: run on what bench/target holds (mvn -pl bench -am package).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
bench="$root/bench"
out="$bench/target/routing-bench"
warmup=500 iterations=5000 seconds=15 warmup_seconds=20 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup=$2; shift ;;
    --iterations) iterations=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --warmup-seconds) warmup_seconds=$2; shift ;;
    --skip-build) build=0 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-routing-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
die() { printf 'run-routing-bench: %s\n' "$*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }
rm -rf "$out"
mkdir -p "$out"

# shellcheck source=bench/lib.sh
. "$bench/lib.sh"

bench_require_jdk25
if [ "$build" = 1 ]; then
  say "building bench (mvn -pl bench -am package)"
  (cd "$root" && mvn -B -q -DskipTests -Dmaven.test.skip.exec=true -pl bench -am package) >"$out/build.log" 2>&1 \
    || { cat "$out/build.log" >&2; die "the build failed"; }
fi
[ -d "$bench/target/lib" ] && [ -d "$bench/target/polyglot" ] && [ -d "$bench/target/jit" ] \
  || die "$bench/target/{lib,polyglot,jit} missing; run without --skip-build"

printf 'run-routing-bench: %s, %s CPUs, load average %s\n' "$(date '+%F %T')" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Three configurations of at most 3 x --warmup-seconds + --seconds each, plus start-up: the limit.
limit=$(( 3 * (2 * warmup_seconds + seconds) + 120 ))
mapfile -t opts < <(bench_jvm_opts "$bench/target")
run_peer routing timeout "$limit" "$JAVA_HOME/bin/java" "${opts[@]}" org.sw4j.bench.StaticRoutingBench \
  --warmup "$warmup" --iterations "$iterations" --seconds "$seconds" --warmup-seconds "$warmup_seconds"
grep '^INFO' "$out/routing.log" >&2 || true

get() { value routing "$1"; }
printf '\nStatic routing, per request from Window.fetch (us), 1 KiB cache hit\n'
printf '%-46s %9s %9s %9s\n' '' p50 p99 mean
for row in cache network handler; do
  case $row in
    cache) label='(a) cache route, worker stopped' ;;
    network) label='(b) network route, worker stopped' ;;
    handler) label='(c) fetch handler: caches.match()' ;;
  esac
  printf '%-46s %9s %9s %9s\n' "$label" "$(get $row.p50)" "$(get $row.p99)" "$(get $row.mean)"
done
awk -v a="$(get cache.p50)" -v c="$(get handler.p50)" -v am="$(get cache.mean)" -v cm="$(get handler.mean)" 'BEGIN {
  r = c / a; printf "%-46s %9.1f (mean: %.1f; goal >= 3%s)\n", "(c) / (a), p50", r, cm / am, (r >= 3 ? ": met" : ": missed") }'
s=$(get starts)
printf '%-46s %9s (goal 0%s)\n' 'worker starts during (a) and (b)' "$s" "$([ "$s" = 0 ] && echo ': met' || echo ': missed')"
printf '\nRaw results: %s/routing.results and routing.log\n' "$out"
