#!/usr/bin/env bash
# fetch() benchmarks, sw4j beside its peers in the same run (issue 3):
#   1. fetch() of a 10 KiB loopback resource + arrayBuffer(), sequential and 32-way concurrent,
#      requests/s, for sw4j (JIT on, via `sw4j exec`), Node's built-in fetch and Deno's fetch;
#      also `new Response(bytes).arrayBuffer()` and `new Headers({...})` per second.
#      Goal: sw4j >= 1x the faster of Node and Deno.
#   2. a 1 GiB response streamed through fetch() and a TransformStream in sw4j, in a JVM whose heap
#      is capped at 192 MiB (streaming must not hold the body): throughput and the peak heap in use
#      after a full GC (from the JVM's GC log), beside the same for a 1 KiB response.
# All runtimes run the same script (bench/fetch/fetch-bench.js) against one loopback origin
# (bench/fetch/origin.mjs, on Node).
#
# Usage: bench/run-fetch-bench.sh [--seconds N] [--warmup N] [--skip-build] [--skip-stream]
#                                 [--stream-bytes N]
# Needs: node (>= 20) on PATH; Deno is installed from npm into bench/target/peers when missing.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
bench="$root/bench"
out="$bench/target/fetch-bench"
seconds=10 warmup=40 build=1 do_stream=1 stream_bytes=$((1024 * 1024 * 1024))
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --skip-build) build=0 ;;
    --skip-stream) do_stream=0 ;;
    --stream-bytes) stream_bytes=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-fetch-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
die() { printf 'run-fetch-bench: %s\n' "$*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }
mkdir -p "$out"

# shellcheck source=bench/lib.sh
. "$bench/lib.sh"
bench_require_jdk25

command -v node >/dev/null || die "needs node (>= 20) on PATH for the origin and the Node peer"
node_version=$(node --version)
bench_find_deno
deno_version=$("$deno" --version | head -1)

bench_build_launcher "$build"

printf 'run-fetch-bench: %s, %s CPUs, load average %s; node %s, %s\n' "$(date '+%F %T')" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$node_version" "$deno_version" >&2

# ------------------------------------------------------------------------------------ origin
bench_start_origin "$bench/fetch/origin.mjs" 0 "$out"



config="{\"url\":\"http://127.0.0.1:$port/10k\",\"seconds\":$seconds,\"warmupSeconds\":$warmup,\"concurrency\":32}"
configure "$bench/fetch/fetch-bench.js" "$config" "$out/fetch-bench.js"
# The synchronous and microtask-only measures run as one long task: lift the 30 s task limit.
run_peer sw4j "$root/bin/sw4j" exec --time-limit 3600 "http://127.0.0.1:$port/script/fetch-bench.js"
run_peer node node "$out/fetch-bench.js"
run_peer deno "$deno" run --allow-net "$out/fetch-bench.js"

printf '\n%-26s %12s %12s %12s   %s\n' measure sw4j node deno 'sw4j / faster peer' 
for m in fetch_sequential fetch_concurrent_32 response_arrayBuffer headers_construct; do
  s=$(value sw4j $m) n=$(value node $m) d=$(value deno $m)
  awk -v m="$m" -v s="$s" -v n="$n" -v d="$d" 'BEGIN {
    best = n > d ? n : d; ratio = s / best
    printf "%-26s %12d %12d %12d   %.2fx %s\n", m, s, n, d, ratio, (ratio >= 1 ? "(goal met)" : "(goal: >= 1x)") }'
done

# ------------------------------------------------------------------------------------ streaming
if [ "$do_stream" = 1 ]; then
  # Peak heap in use after a full collection (what is live), in MiB, from a unified GC log
  # ("Pause Full ... 150M->44M(192M)"); after any collection when there was no full one.
  peak_after_gc() {
    local lines
    lines=$(grep 'Pause Full' "$1" || true)
    [ -n "$lines" ] || lines=$(cat "$1")
    printf '%s\n' "$lines" | grep -o -- '->[0-9]*M' | tr -dc '0-9\n' | sort -n | tail -1
  }
  for size in 1024 "$stream_bytes"; do
    configure "$bench/fetch/stream-bench.js" "{\"url\":\"http://127.0.0.1:$port/stream?bytes=$size\",\"bytes\":$size}" \
      "$out/stream-$size.js"
    say "sw4j streaming $size bytes"
    SW4J_JAVA_OPTS="${SW4J_JAVA_OPTS:-} -Xmx192m -Xlog:gc:file=$out/gc-$size.log" \
      "$root/bin/sw4j" exec --time-limit 3600 "http://127.0.0.1:$port/script/stream-$size.js" >"$out/stream-$size.log" 2>&1 || true
    grep -q '^DONE' "$out/stream-$size.log" || { cat "$out/stream-$size.log" >&2; die "streaming $size bytes failed"; }
    grep '^RESULT' "$out/stream-$size.log" >&2
    printf 'stream %-12s completed in a 192 MiB heap; peak heap after full GC: %s MiB\n' "$size" \
      "$(peak_after_gc "$out/gc-$size.log")"
  done
fi
