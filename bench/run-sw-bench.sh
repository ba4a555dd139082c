#!/usr/bin/env bash
# Service worker fetch benchmarks, sw4j beside headless Chromium in the same run (issue 5):
#   1. a fetch of /data (10 KiB) + arrayBuffer() with no worker, through a worker answering from
#      Cache Storage (bench/sw/sw-cache.js) and through a pass-through worker (bench/sw/sw-pass.js):
#      p50/p99 in us. A worker's overhead is its p50 minus the no-worker p50.
#      Goal: sw4j's overhead at most 1/10 of Chromium's.
#   2. worker start after idle stop: the first fetch through the stopped cache worker, minus the
#      warm fetch. Goal: <= 5 ms.
# Both halves fetch from one loopback origin (bench/sw/origin.mjs, on Node), which also serves the
# worker scripts. Chromium is Debian's (apt-get install chromium when missing), driven over its
# DevTools pipe; with playwright-core too, for comparison (installed from npm into bench/target/peers).
#
# Usage: bench/run-sw-bench.sh [--warmup N] [--iterations N] [--seconds N] [--starts N]
#                              [--idle-ms N] [--sw4j-warmup-seconds N] [--skip-playwright] [--skip-build]
# --sw4j-warmup-seconds: sw4j's warm-up lasts at least this long too (default 30), for GraalJS's JIT.
# --skip-build: run the sw4j half on what bench/target holds (mvn -pl bench -am package).
# Needs: node (>= 20) on PATH; root or chromium installed; npm for playwright-core.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
bench="$root/bench"
out="$bench/target/sw-bench"
warmup=300 iterations=3000 seconds=20 starts=30 idle_ms=200 playwright=1 sw4j_warmup=30 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup=$2; shift ;;
    --iterations) iterations=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --starts) starts=$2; shift ;;
    --idle-ms) idle_ms=$2; shift ;;
    --skip-playwright) playwright=0 ;;
    --sw4j-warmup-seconds) sw4j_warmup=$2; shift ;;
    --skip-build) build=0 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-sw-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
die() { printf 'run-sw-bench: %s\n' "$*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }
rm -rf "$out"
mkdir -p "$out"

# shellcheck source=bench/lib.sh
. "$bench/lib.sh"

command -v node >/dev/null || die "needs node (>= 20) on PATH for the origin and the Chromium driver"
chromium=/usr/bin/chromium
if [ ! -x "$chromium" ]; then
  say "installing chromium with apt-get"
  [ "$(id -u)" = 0 ] || die "$chromium is missing; install Debian's chromium package (apt-get install -y chromium)"
  apt-get install -y chromium >"$out/apt.log" 2>&1 || { tail -20 "$out/apt.log" >&2; die "apt-get install chromium failed"; }
fi
[ "$playwright" = 1 ] && bench_find_playwright

# The sw4j half's program (before anything runs, so a broken build stops the run early).
bench_require_jdk25
if [ "$build" = 1 ]; then
  say "building bench (mvn -pl bench -am package)"
  (cd "$root" && mvn -B -q -DskipTests -Dmaven.test.skip.exec=true -pl bench -am package) >"$out/build.log" 2>&1 \
    || { cat "$out/build.log" >&2; die "the build failed"; }
fi
[ -d "$bench/target/lib" ] && [ -d "$bench/target/polyglot" ] && [ -d "$bench/target/jit" ] \
  || die "$bench/target/{lib,polyglot,jit} missing; run without --skip-build"

# Each Chromium run: 3 configurations of at most 1.25 x --seconds, the starts at most --seconds,
# plus launching and registering; twice that is the hard limit.
limit=$(( 2 * (5 * seconds + 60) ))
printf 'run-sw-bench: %s, %s CPUs, load average %s; node %s, %s\n' "$(date '+%F %T')" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(node --version)" "$("$chromium" --version 2>/dev/null)" >&2

# ------------------------------------------------------------------------------------ origin
bench_start_origin "$bench/sw/origin.mjs" 0
origin="http://127.0.0.1:$port"

# ------------------------------------------------------------------------------------ Chromium half
chromium_args=(--origin "$origin" --chromium "$chromium" --warmup "$warmup" --iterations "$iterations"
  --seconds "$seconds" --starts "$starts" --idle-ms "$idle_ms" --time-limit "$limit")
run_peer chromium timeout $((limit + 30)) node "$bench/sw/chromium.mjs" "${chromium_args[@]}" --driver cdp
if [ "$playwright" = 1 ]; then
  run_peer chromium_pw timeout $((limit + 30)) node "$bench/sw/chromium.mjs" "${chromium_args[@]}" \
    --driver playwright --peers "$playwright_peers" --prefix chromium_pw
fi

# ------------------------------------------------------------------------------------ sw4j half
# --- sw4j half ---
# org.sw4j.bench.ServiceWorkerFetchBench (bench/src/main/java), on sw4j's embedding API, with
# GraalJS's JIT on (bin/sw4j's JVM options, bench_jvm_opts in lib.sh, on bench/target's layout; the
# program stops when the runtime is "Interpreted"). Against $origin, for each of no worker,
# /sw-cache.js and /sw-pass.js (each registered with scope $origin/ in a fresh in-memory agent, and
# controlling a window opened at $origin/ after activation), it times fetches of $origin/data with
# the body read: a warm-up of at least --warmup fetches and --sw4j-warmup-seconds (at most twice
# that: GraalJS compiles for tens of seconds on 2 CPUs), then --iterations, at most --seconds; then
# it stops the cache worker (ServiceWorkerContext.stopWorker, as the idle timer does), waits
# --idle-ms and times one fetch, --starts times at most --seconds. It prints the RESULT lines
# chromium.mjs prints with the prefix sw4j., then DONE.
run_sw4j_half() {
  local opts sw4j_limit
  mapfile -t opts < <(bench_jvm_opts "$bench/target")
  sw4j_limit=$(( 3 * (2 * sw4j_warmup + seconds) + seconds + 60 ))
  run_peer sw4j timeout "$sw4j_limit" "$JAVA_HOME/bin/java" "${opts[@]}" \
    org.sw4j.bench.ServiceWorkerFetchBench --origin "$origin" --warmup "$warmup" --iterations "$iterations" \
    --seconds "$seconds" --starts "$starts" --idle-ms "$idle_ms" --warmup-seconds "$sw4j_warmup"
  grep '^INFO' "$out/sw4j.log" >&2 || true
}
run_sw4j_half

# ------------------------------------------------------------------------------------ table
# The value of $1.$2 from $out/<$1>.results, or empty.
get() { [ -f "$out/$1.results" ] && awk -v m="$1.$2" '$2 == m { print $3 }' "$out/$1.results" || true; }

# Prints the table with Chromium's figures from the run with RESULT prefix $1.
table() {
  local c=$1 title=$2
  printf '\n%s (us; overhead = the p50, and the mean, minus the no-worker one)\n' "$title"
  printf '%-30s %9s %9s %9s %9s  %-17s %-17s %s\n' '' 'Chromium' '' 'sw4j' '' 'overhead Chromium' 'overhead sw4j' 'sw4j / Chromium overhead (goal <= 0.1)'
  printf '%-30s %9s %9s %9s %9s  %-17s %-17s\n' '' p50 p99 p50 p99 'p50 / mean' 'p50 / mean'
  local row label
  for row in none cache pass; do
    case $row in none) label='no worker' ;; cache) label='cache worker' ;; pass) label='pass-through worker' ;; esac
    awk -v label="$label" -v row="$row" \
      -v cp50="$(get "$c" "$row.p50")" -v cp99="$(get "$c" "$row.p99")" -v cmean="$(get "$c" "$row.mean")" \
      -v sp50="$(get sw4j "$row.p50")" -v sp99="$(get sw4j "$row.p99")" -v smean="$(get sw4j "$row.mean")" \
      -v cn50="$(get "$c" none.p50)" -v cnmean="$(get "$c" none.mean)" \
      -v sn50="$(get sw4j none.p50)" -v snmean="$(get sw4j none.mean)" 'BEGIN {
        co = so = ratio = ""
        if (row != "none" && cp50 != "" && cn50 != "") co = sprintf("%d / %d", cp50 - cn50, cmean - cnmean)
        if (row != "none" && sp50 != "" && sn50 != "") so = sprintf("%d / %d", sp50 - sn50, smean - snmean)
        if (co != "" && so != "") {
          c = cp50 - cn50; s = sp50 - sn50
          if (c <= 0) ratio = "n/a: Chromium overhead <= 0"
          else { r = s / c; ratio = sprintf("%.3f%s", r, (r <= 0.1 ? " (met)" : "")) }
        }
        printf "%-30s %9s %9s %9s %9s  %-17s %-17s %s\n", label, cp50, cp99, sp50, sp99, co, so, ratio }'
  done
  awk -v cs="$(get "$c" start.p50)" -v cf="$(get "$c" start.fetch_p50)" -v cm="$(get "$c" start.fetch_max)" \
    -v ss="$(get sw4j start.p50)" -v sf="$(get sw4j start.fetch_p50)" -v sm="$(get sw4j start.fetch_max)" 'BEGIN {
      printf "%-30s %9s %9s %9s %9s  (p50 start cost, max first fetch; goal <= 5000 us%s)\n", "worker start after idle stop",
        cs, cm, ss, sm, (ss != "" ? (ss <= 5000 ? ": sw4j meets it" : ": sw4j misses it") : "") }'
}

table chromium 'Chromium over its DevTools pipe beside sw4j'
[ "$playwright" = 1 ] && table chromium_pw 'For comparison: Chromium under playwright-core (it watches every request)'
grep -h '^INFO.*runtime' "$out/sw4j.log" | head -n 1 | sed 's/^INFO none: /sw4j: /' || true
printf '\nRaw results: %s/*.results and *.log\n' "$out"
