#!/usr/bin/env bash
# The start-up floor of `sw4j serve`'s stack on this machine: process start -> first 200 through a
# bare Jetty reverse proxy (bench/startup/BareJettyProxy.java: Jetty's server and client, nothing
# of sw4j's), with an AOT cache trained for it and without, beside `sw4j serve` (bin/sw4j, its AOT
# cache) in the same run; against a Python static origin on loopback. Prints each start and the
# medians.
# Usage: bench/startup-floor.sh [--runs N] [--skip-build]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
out="$bench/target/startup-floor"
runs=5 build=1
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --skip-build) build=0 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "startup-floor.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
say() { echo "startup-floor.sh: $*" >&2; }
die() { say "$*"; exit 1; }
name=startup-floor.sh
# shellcheck source=bench/lib.sh
. "$bench/lib.sh"
bench_require_jdk25
command -v curl >/dev/null || die "needs curl"
command -v python3 >/dev/null || die "needs python3 (the origin)"
if [ "$build" = 1 ]; then
  "$root/bin/sw4j" --version >/dev/null
fi
lib="$root/cli/target/app/lib"
[ -d "$lib" ] || die "$lib is missing: run bin/sw4j once (or drop --skip-build)"
rm -rf "$out"; mkdir -p "$out/www" "$out/classes" "$out/lib"
head -c 10240 /dev/urandom >"$out/www/10k.bin"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
oport=$(free_port)
(cd "$out/www" && exec python3 -m http.server "$oport" --bind 127.0.0.1) >"$out/origin.log" 2>&1 &
pids+=($!)
origin="http://127.0.0.1:$oport"
for _ in $(seq 1 100); do curl -sf -o /dev/null "$origin/10k.bin" && break; sleep 0.05; done

# The bare proxy, in a jar with Jetty's jars (the AOT cache wants jars on the class path).
cp "$lib"/jetty-*.jar "$lib"/slf4j-api-*.jar "$out/lib/"
"$JAVA_HOME/bin/javac" -d "$out/classes" -cp "$out/lib/*" "$bench/startup/BareJettyProxy.java"
"$JAVA_HOME/bin/jar" cf "$out/lib/bare-jetty-proxy.jar" -C "$out/classes" .
jvm=(-XX:+UseSerialGC -Dorg.eclipse.jetty.util.referencesPerCacheLine=16 -cp "$out/lib/*")
"$JAVA_HOME/bin/java" "${jvm[@]}" -XX:AOTCacheOutput="$out/bare.aot" BareJettyProxy "$origin" "$(free_port)" /10k.bin \
  >"$out/train.log" 2>&1 || die "the bare proxy's training run failed (see $out/train.log)"

# start_ms CMD...: launches CMD (which listens on $port), polls GET /10k.bin until 200, stops it.
start_ms() {
  local t0 t1 pid code
  t0=$(date +%s%3N)
  "$@" >"$out/run.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Sec-Fetch-Mode: navigate' -H 'Sec-Fetch-Dest: document' \
      "http://127.0.0.1:$port/10k.bin" || true)
    [ "$code" = 200 ] && break
    sleep 0.005
  done
  t1=$(date +%s%3N)
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  [ "$code" = 200 ] || { say "no 200 from: $*"; echo 0; return; }
  echo $((t1 - t0))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf 'self.addEventListener("fetch", (e) => {});\n' >"$out/sw.js"
declare -A every
for _ in $(seq 1 "$runs"); do
  port=$(free_port)
  every[bare-aot]+="$(start_ms "$JAVA_HOME/bin/java" "${jvm[@]}" -XX:AOTCache="$out/bare.aot" BareJettyProxy "$origin" "$port") "
  port=$(free_port)
  every[bare]+="$(start_ms "$JAVA_HOME/bin/java" "${jvm[@]}" BareJettyProxy "$origin" "$port") "
  port=$(free_port)
  every[sw4j]+="$(SW4J_SKIP_BUILD=1 start_ms "$root/bin/sw4j" serve --origin "$origin" --worker "$out/sw.js" \
    --listen "127.0.0.1:$port" --no-inspector) "
done
printf '\nprocess start -> first 200 through a proxy on 127.0.0.1, median of %s (every run), ms\n' "$runs"
for row in bare-aot bare sw4j; do
  case $row in
    bare-aot) label="bare Jetty proxy, its AOT cache" ;;
    bare) label="bare Jetty proxy, no AOT cache" ;;
    sw4j) label="sw4j serve (bin/sw4j, its AOT cache)" ;;
  esac
  # shellcheck disable=SC2086
  printf '%-42s %6s   (%s)\n' "$label" "$(median ${every[$row]})" "$(echo ${every[$row]} | tr ' ' /)"
done
