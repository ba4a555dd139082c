#!/usr/bin/env bash
# HTTP benchmark (issue 7): wrk against, in one run and one after the other,
#   (a) sw4j serve with a cache-first worker (bench/http/sw-cache-first.js), warm,
#   (b) sw4j serve with a `cache` static route (bench/http/sw-cache-route.js), warm,
#   (both in memory, as `sw4j serve` runs without --data, and again with --data: SQLite stores)
#   (c) nginx with proxy_cache in front of the same origin, warm,
#   (d) nginx serving the file statically (the origin itself),
#   (e) Deno.serve doing cache-first with its `caches` (bench/http/deno-cache-first.js),
# all answering GET /10k.bin (10 KiB) from one nginx origin on 127.0.0.1; prints requests/s, p50,
# p99, sw4j's ratios beside the goals, and process start -> first 200 through sw4j serve twice per
# sw4j row (each --runs times, the median reported): on a fresh data directory, and restarted on it
# with the worker stored and active.
#
# Usage: bench/http.sh [--threads N] [--connections N] [--duration S] [--runs N] [--warmup S]
#                      [--sw4j-warmup S] [--quick] [--skip-build]
# wrk -t2 -c32 -d10s by default, --runs (default 3) times, the median run reported, after a wrk
# warm-up run against the same URL of --warmup seconds (default 10), --sw4j-warmup (default 150) for
# sw4j's rows: Graal compiles GraalJS's and sw4j's hot code for one to two minutes on 2 CPUs.
# --quick: one -d3s run after 3 s warm-ups (indicative only).
# --skip-build: run the built cli/target/app.
# Installs wrk and nginx with apt-get and Deno with npm when missing; a row whose tool cannot be
# had prints "not measured: <why>". Output and logs: bench/target/http-bench/.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
bench="$root/bench"
out="$bench/target/http-bench"
threads=2 conns=32 duration=10 runs=3 warmup=10 sw4j_warmup=150 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift ;;
    --connections) conns=$2; shift ;;
    --duration) duration=$2; shift ;;
    --runs) runs=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --sw4j-warmup) sw4j_warmup=$2; shift ;;
    --quick) duration=3 warmup=3 sw4j_warmup=3 runs=1 ;;
    --skip-build) build=0 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "http.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
die() { printf 'http.sh: %s\n' "$*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }
rm -rf "$out"
mkdir -p "$out"

# shellcheck source=bench/lib.sh
. "$bench/lib.sh"

# Every server this script starts, stopped (SIGTERM, then waited for) however it exits.
pids=()
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
cleanup() { local p; for p in "${pids[@]}"; do stop "$p"; done; }
trap cleanup EXIT

# `why[row]` is set for a row that cannot be measured; the figures go to rps/p50/p99.
declare -A why=() rps=() p50=() p99=() start_ms=() answered=() every=()
rows=(a b a2 b2 c d e)

# --- tools -------------------------------------------------------------------------------------
apt_install() { # packages...: installs those whose command is missing; never fails the run
  command -v apt-get >/dev/null || return 0
  say "installing $* (apt-get)"
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } \
    >"$out/apt.log" 2>&1 || printf 'http.sh: apt-get install %s failed (see %s)\n' "$*" "$out/apt.log" >&2
}
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
PATH="$PATH:/usr/sbin"
command -v wrk >/dev/null || die "wrk is missing and could not be installed (apt-get install wrk): nothing can be measured"
have_nginx=1
command -v nginx >/dev/null || { have_nginx=0; why[c]="nginx could not be installed (apt-get install nginx)"; why[d]=${why[c]}; }

deno="$bench/target/peers/node_modules/.bin/deno"
if [ ! -x "$deno" ]; then
  if command -v npm >/dev/null; then
    say "installing Deno from npm into bench/target/peers"
    mkdir -p "$bench/target/peers"
    (cd "$bench/target/peers" && npm install --no-audit --no-fund --silent deno) >"$out/npm.log" 2>&1 || true
  fi
  [ -x "$deno" ] || deno=$(command -v deno || true)
fi
if [ -z "$deno" ] || ! "$deno" --version >/dev/null 2>&1; then
  why[e]="Deno could not be installed (npm install deno: see $out/npm.log)"
fi

bench_require_jdk25
export JAVA_HOME
bench_build_launcher "$build"
[ -d "$root/cli/target/app/lib" ] || die "cli/target/app is missing; run without --skip-build"
# Whether bin/sw4j runs with its AOT cache: the JVM says so when it opens one (-Xlog:aot).
if SW4J_JAVA_OPTS=-Xlog:aot "$root/bin/sw4j" --version 2>&1 | grep -q 'Opened AOT cache'; then
  aot_state="bin/sw4j with its AOT cache"
else
  aot_state="bin/sw4j without an AOT cache$( [ -f "$root/cli/target/app/sw4j.aot.failed" ] \
    && printf ': %s' "$(cat "$root/cli/target/app/sw4j.aot.failed")")"
fi
printf 'http.sh: %s\n' "$aot_state" >&2

# --- origin ------------------------------------------------------------------------------------
# A free loopback port: one nothing answers on, from a random start.
free_port() {
  local p=$(( 20000 + RANDOM % 30000 )) i
  for i in $(seq 1 200); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && ! grep -qw "$p" "$out/ports" 2>/dev/null; then
      echo "$p" >>"$out/ports"; echo "$p"; return
    fi
    p=$(( p + 1 ))
  done
  die "no free port found"
}

www="$out/www"
mkdir -p "$www"
head -c 10240 /dev/urandom >"$www/10k.bin"
printf '<!doctype html><title>http bench</title><img src="10k.bin">\n' >"$www/index.html"
origin_port=$(free_port) cache_port=$(free_port)
origin="http://127.0.0.1:$origin_port"

if [ "$have_nginx" = 1 ]; then
  # One nginx: the origin (also row (d)) and, on a second port, proxy_cache in front of it (row c).
  # Access logs on, as nginx ships and as sw4j serve logs every request.
  ng="$out/nginx"
  mkdir -p "$ng/cache"
  cat >"$ng/nginx.conf" <<EOF
user root;
worker_processes auto;
daemon off;
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events { worker_connections 1024; }
http {
  default_type application/octet-stream;
  client_body_temp_path $ng/client_body;
  proxy_temp_path $ng/proxy;
  fastcgi_temp_path $ng/fastcgi;
  uwsgi_temp_path $ng/uwsgi;
  scgi_temp_path $ng/scgi;
  sendfile on;
  keepalive_requests 1000000;
  proxy_cache_path $ng/cache levels=1:2 keys_zone=bench:10m max_size=100m inactive=1h use_temp_path=off;
  server {
    listen 127.0.0.1:$origin_port;
    access_log $ng/origin-access.log;
    root $www;
  }
  server {
    listen 127.0.0.1:$cache_port;
    access_log $ng/cache-access.log;
    location / {
      proxy_pass $origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache bench;
      proxy_cache_valid 200 1h;
      add_header X-Cache-Status \$upstream_cache_status;
    }
  }
}
EOF
  nginx -c "$ng/nginx.conf" -p "$ng/" >"$ng/stderr.log" 2>&1 &
  pids+=($!)
else
  say "nginx is missing: a Python static server is the origin"
  command -v python3 >/dev/null || die "neither nginx nor python3 for the origin"
  python3 -m http.server --bind 127.0.0.1 --directory "$www" "$origin_port" >"$out/origin.log" 2>&1 &
  pids+=($!)
fi
for _ in $(seq 1 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$origin/10k.bin")" = 200 ] && break
  sleep 0.1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$origin/10k.bin")" = 200 ] || die "the origin did not start (see $out)"

printf 'http.sh: %s, %s CPUs, load average %s; %s; %s; %s\n' "$(date '+%F %T')" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)" \
  "$( [ "$have_nginx" = 1 ] && nginx -v 2>&1 | sed 's/.*: //' || echo 'no nginx')" \
  "$( [ -z "${why[e]:-}" ] && "$deno" --version | head -1 || echo 'no Deno')" >&2
busy=$(awk -v n="$(nproc)" '{ print ($1 > n / 2) }' /proc/loadavg)
[ "$busy" = 0 ] || printf 'http.sh: WARNING: the machine is busy (load average above half the CPUs): figures are inflated\n' >&2

# --- measuring ---------------------------------------------------------------------------------
# Converts wrk's latency ("812.00us", "1.20ms", "2.01s") to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }

# check ROW URL TAG [header...]: GET answers 200 with the 10 KiB file and a header matching TAG.
check() {
  local row=$1 url=$2 tag=$3; shift 3
  local h=() x; for x in "$@"; do h+=(-H "$x"); done
  local code
  code=$(curl -s --max-time 10 -o "$out/$row.body" -D "$out/$row.headers" -w '%{http_code}' "${h[@]}" "$url") || code=000
  [ "$code" = 200 ] || { why[$row]="answered $code, not 200 (see $out/$row.headers)"; return 1; }
  cmp -s "$out/$row.body" "$www/10k.bin" || { why[$row]="the body is not the 10 KiB file ($(wc -c <"$out/$row.body") bytes)"; return 1; }
  [ -z "$tag" ] || grep -qi "^$tag" "$out/$row.headers" \
    || { why[$row]="no '$tag' in the answer: not served from cache (see $out/$row.headers)"; return 1; }
}

# measure ROW URL [header...]: a warm-up wrk run, then $runs timed ones with --latency; the row's
# figures are those of the run with the median requests/s (on 2 CPUs shared by wrk and the server,
# one 10 s run of the same server moves by 15% or more), and every run's requests/s are kept in
# every[ROW].
measure() {
  local row=$1 url=$2 warmup=$warmup; shift 2
  case $row in a|b|a2|b2) warmup=$sw4j_warmup ;; esac
  local h=() x; for x in "$@"; do h+=(-H "$x"); done
  say "($row) $url: warm-up ${warmup}s, then $runs x wrk -t$threads -c$conns -d${duration}s"
  wrk -t"$threads" -c"$conns" -d"${warmup}s" "${h[@]}" "$url" >"$out/$row.warmup.txt" 2>&1 || true
  local i all=()
  for i in $(seq 1 "$runs"); do
    wrk -t"$threads" -c"$conns" -d"${duration}s" --latency "${h[@]}" "$url" >"$out/$row.wrk.$i.txt" 2>&1 || true
    all+=("$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out/$row.wrk.$i.txt") $i")
  done
  every[$row]=$(printf '%s\n' "${all[@]}" | awk 'NF == 2 { print $1 }' | paste -sd/)
  local median
  median=$(printf '%s\n' "${all[@]}" | awk 'NF == 2' | sort -n | awk '{ line[NR] = $2 } END { if (NR) print line[int((NR + 1) / 2)] }')
  [ -n "$median" ] || median=1
  cp "$out/$row.wrk.$median.txt" "$out/$row.wrk.txt"
  local f="$out/$row.wrk.txt"
  rps[$row]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$f")
  p50[$row]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$f")")
  p99[$row]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$f")")
  [ -n "${rps[$row]}" ] || { why[$row]="wrk failed (see $f)"; return; }
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$f"; then
    printf 'http.sh: (%s) %s\n' "$row" "$(grep -e 'Non-2xx' -e 'Socket errors' "$f" | tr '\n' ' ')" >&2
  fi
}

# start_serve ROW TAG WORKER DATA: starts `bin/sw4j serve --data DATA` (in memory when DATA is
# empty; JIT on, with the launcher's
# AOT cache when it has one) and times process start -> the first 200 of a navigation through it
# into start_ms[ROW.TAG]; sets `pid`, `port` and `log`. Returns 1 (with why[ROW]) when none came.
start_serve() {
  local row=$1 tag=$2 worker=$3 data=$4 t0 t1=""
  log="$out/$row.$tag.sw4j.log"
  port=$(free_port)
  say "($row) sw4j serve --worker ${worker#"$root"/} ($tag)"
  t0=$(date +%s%3N)
  local store=()
  [ -z "$data" ] || store=(--data "$data")
  "$root/bin/sw4j" serve --origin "$origin" --worker "$worker" --listen "127.0.0.1:$port" "${store[@]}" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 12000); do
    if [ "$(curl -s -o /dev/null -D "$out/$row.navigation" -w '%{http_code}' --max-time 5 \
        -H 'Sec-Fetch-Mode: navigate' -H 'Sec-Fetch-Dest: document' "http://127.0.0.1:$port/")" = 200 ]; then
      t1=$(date +%s%3N); break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  if [ -z "$t1" ]; then why[$row]="sw4j serve ($tag) did not answer 200 (see $log)"; stop "$pid"; return 1; fi
  start_ms[$row.$tag]=$(( t1 - t0 ))
  if grep -qi -e interpreted -e 'no JVMCI' -e 'fallback runtime' "$log"; then
    why[$row]="GraalJS runs without its JIT (see $log)"; stop "$pid"; return 1
  fi
}

# startup ROW WORKER: times two start-ups of `bin/sw4j serve` (process start -> first 200 of a
# navigation): (1) on a fresh data directory — the proxy listens at once and, until the worker is
# active, sends requests to the origin, as a browser's first visit does; then waits for the worker
# to activate and stops — and (2) restarted on that directory, where the stored worker answers.
# $runs times; start_ms[ROW.TAG] is the median, every[ROW.TAG] every run's figure.
startup() {
  local row=$1 worker=$2 data pid port log i fresh=() restart=()
  for i in $(seq 1 "$runs"); do
    data="$out/$row.data"
    rm -rf "$data"
    start_serve "$row" fresh "$worker" "$data" || return
    fresh+=("${start_ms[$row.fresh]}")
    for _ in $(seq 1 600); do grep -q '^sw4j serve: ' "$log" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    grep -q '^sw4j serve: ' "$log" || { why[$row]="the worker did not activate (see $log)"; stop "$pid"; return; }
    stop "$pid"
    start_serve "$row" restart "$worker" "$data" || return
    restart+=("${start_ms[$row.restart]}")
    stop "$pid"
  done
  every[$row.fresh]=$(printf '%s\n' "${fresh[@]}" | paste -sd/)
  every[$row.restart]=$(printf '%s\n' "${restart[@]}" | paste -sd/)
  start_ms[$row.fresh]=$(median "${fresh[@]}")
  start_ms[$row.restart]=$(median "${restart[@]}")
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# sw4j ROW WORKER ANSWERED-BY [DATA]: starts `bin/sw4j serve` (stores in memory, or SQLite under
# DATA), waits for its worker to be active, navigates (the client cookie later requests carry, so
# the worker controls them as a browser page's subresources), checks and measures /10k.bin, and
# counts the access log's lines answered by ANSWERED-BY (worker, cache-route).
sw4j() {
  local row=$1 worker=$2 by=$3 data=${4:-} id pid port log
  [ -z "$data" ] || rm -rf "$data"
  start_serve "$row" run "$worker" "$data" || return
  for _ in $(seq 1 600); do grep -q '^sw4j serve: ' "$log" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  grep -q '^sw4j serve: ' "$log" || { why[$row]="the worker did not activate (see $log)"; stop "$pid"; return; }
  curl -s -o /dev/null -D "$out/$row.navigation" --max-time 10 -H 'Sec-Fetch-Mode: navigate' \
    -H 'Sec-Fetch-Dest: document' "http://127.0.0.1:$port/" || true
  id=$(sed -n 's/^Set-Cookie: *sw4j-client=\([^;]*\).*/\1/Ip' "$out/$row.navigation" | tr -d '\r')
  [ -n "$id" ] || { why[$row]="the navigation set no sw4j-client cookie (see $out/$row.navigation)"; stop "$pid"; return; }
  local h=("Cookie: sw4j-client=$id" 'Sec-Fetch-Mode: no-cors' 'Sec-Fetch-Dest: image')
  local url="http://127.0.0.1:$port/10k.bin"
  check "$row" "$url" 'X-Bench-Cached: sw4j' "${h[@]}" || { stop "$pid"; return; }
  # The access log is written by a thread of its own, within milliseconds.
  for _ in $(seq 1 50); do grep -q "GET $origin/10k.bin $by 200" "$log" && break; sleep 0.1; done
  grep -q "GET $origin/10k.bin $by 200" "$log" || { why[$row]="the access log does not say '$by' answered (see $log)"; stop "$pid"; return; }
  measure "$row" "$url" "${h[@]}"
  stop "$pid"
  local all mine
  all=$(grep -c "GET $origin/10k.bin " "$log" || true)
  mine=$(grep -c "GET $origin/10k.bin $by 200" "$log" || true)
  answered[$row]="$mine of $all /10k.bin requests answered by '$by' (access log)"
  printf 'http.sh: (%s) %s\n' "$row" "${answered[$row]}" >&2
}

startup a "$bench/http/sw-cache-first.js"
startup b "$bench/http/sw-cache-route.js"
sw4j a "$bench/http/sw-cache-first.js" worker
sw4j b "$bench/http/sw-cache-route.js" cache-route
sw4j a2 "$bench/http/sw-cache-first.js" worker "$out/a2.data"
sw4j b2 "$bench/http/sw-cache-route.js" cache-route "$out/b2.data"

if [ "$have_nginx" = 1 ]; then
  curl -s -o /dev/null "http://127.0.0.1:$cache_port/10k.bin" # fills nginx's cache
  if check c "http://127.0.0.1:$cache_port/10k.bin" 'X-Cache-Status: HIT'; then
    measure c "http://127.0.0.1:$cache_port/10k.bin"
  fi
  if check d "$origin/10k.bin" ''; then measure d "$origin/10k.bin"; fi
fi

if [ -z "${why[e]:-}" ]; then
  say "(e) Deno.serve with caches"
  deno_port=$(free_port)
  DENO_DIR="$out/deno-dir" "$deno" run --allow-net "$bench/http/deno-cache-first.js" "$deno_port" "$origin" >"$out/e.deno.log" 2>&1 &
  deno_pid=$!
  pids+=("$deno_pid")
  for _ in $(seq 1 300); do grep -q '^LISTENING' "$out/e.deno.log" && break; sleep 0.1; done
  if ! grep -q '^LISTENING' "$out/e.deno.log"; then
    why[e]="Deno did not start (see $out/e.deno.log)"
  else
    curl -s -o /dev/null "http://127.0.0.1:$deno_port/10k.bin" # fills Deno's cache
    if check e "http://127.0.0.1:$deno_port/10k.bin" 'X-Bench-Cached: deno'; then
      measure e "http://127.0.0.1:$deno_port/10k.bin"
    fi
  fi
  stop "$deno_pid"
fi

# --- the figures -------------------------------------------------------------------------------
{
  printf '\nHTTP: GET of a 10 KiB file, wrk -t%s -c%s -d%ss, the median of %s runs, after a warm-up (sw4j %s s, others %s s), all on 127.0.0.1\n' \
    "$threads" "$conns" "$duration" "$runs" "$sw4j_warmup" "$warmup"
  printf '%-46s %10s %9s %9s   %s\n' '' 'req/s' 'p50 ms' 'p99 ms' 'every run (req/s)'
  for row in "${rows[@]}"; do
    case $row in
      a) label='(a) sw4j serve, cache-first worker' ;;
      b) label='(b) sw4j serve, cache static route' ;;
      a2) label='(a) with --data (SQLite stores)' ;;
      b2) label='(b) with --data (SQLite stores)' ;;
      c) label='(c) nginx proxy_cache' ;;
      d) label='(d) nginx static file' ;;
      e) label='(e) Deno.serve, cache-first with caches' ;;
    esac
    if [ -n "${why[$row]:-}" ]; then
      printf '%-46s not measured: %s\n' "$label" "${why[$row]}"
    else
      printf '%-46s %10s %9s %9s   %s\n' "$label" "${rps[$row]}" "${p50[$row]}" "${p99[$row]}" "${every[$row]:-}"
    fi
  done
  ratio() { # label numerator denominator goal
    if [ -n "${why[$2]:-}" ] || [ -n "${why[$3]:-}" ]; then
      printf '%-46s not measured\n' "$1"
    else
      awk -v l="$1" -v n="${rps[$2]}" -v d="${rps[$3]}" -v g="$4" 'BEGIN {
        r = n / d; printf "%-46s %10.2f (goal >= %s: %s)\n", l, r, g, (r >= g ? "met" : "missed") }'
    fi
  }
  printf '\nsw4j requests/s ratios\n'
  ratio '(a) / (e) Deno' a e 2
  ratio '(a) / (c) nginx proxy_cache' a c 0.5
  ratio '(b) / (c) nginx proxy_cache' b c 0.8
  printf 'the same with --data (SQLite stores; the goals are for the default, in-memory stores)\n'
  ratio '(a) --data / (e) Deno' a2 e 2
  ratio '(a) --data / (c) nginx proxy_cache' a2 c 0.5
  ratio '(b) --data / (c) nginx proxy_cache' b2 c 0.8
  printf '\nsw4j serve, process start -> first 200 of a navigation through the proxy, the median of %s runs, goal <= 500 ms (%s)\n' \
    "$runs" "$aot_state"
  for row in a b; do
    for tag in fresh restart; do
      case $tag in
        fresh) label="($row) fresh data directory (origin answers)" ;;
        restart) label="($row) restart, worker stored (worker answers)" ;;
      esac
      if [ -n "${start_ms[$row.$tag]:-}" ]; then
        printf '%-46s %7s ms (%s; every run: %s ms)\n' "$label" "${start_ms[$row.$tag]}" \
          "$([ "${start_ms[$row.$tag]}" -le 500 ] && echo met || echo missed)" "${every[$row.$tag]}"
      else
        printf '%-46s not measured\n' "$label"
      fi
    done
  done
  for row in a b a2 b2; do [ -z "${answered[$row]:-}" ] || printf '(%s) %s\n' "$row" "${answered[$row]}"; done
  printf '\nRaw output: %s/*.wrk.txt, *.sw4j.log, nginx/\n' "$out"
} | tee "$out/summary.txt"
