# Shared steps of the peer benchmarks (run-fetch-bench.sh, run-cache-bench.sh, run-sw-bench.sh). Source it after
# setting `root`, `bench`, `out` and a `die`/`say` pair; `name` is the calling script's name.

# Finds a JDK >= 25 (GraalJS's JIT needs its JVMCI) into JAVA_HOME, or dies.
bench_require_jdk25() {
  # shellcheck source=bin/jdk.sh
  . "$root/bin/jdk.sh"
  sw4j_find_jdk || exit 2
  [ "${SW4J_JAVA_FEATURE:-0}" -ge 25 ] \
    || die "needs JDK 25 or newer (found $SW4J_JAVA_FEATURE at $JAVA_HOME): older JDKs have no JVMCI for GraalJS's JIT. Set JAVA_HOME."
}

# Sets `deno` to Deno's binary, installing it from npm into bench/target/peers when missing.
bench_find_deno() {
  deno="$bench/target/peers/node_modules/.bin/deno"
  if [ ! -x "$deno" ]; then
    say "installing Deno from npm into bench/target/peers"
    mkdir -p "$bench/target/peers"
    (cd "$bench/target/peers" && npm install --no-audit --no-fund --silent deno >/dev/null) || die "npm install deno failed"
  fi
}

# Sets `playwright_peers` to the directory playwright-core is installed in (bench/target/peers),
# installing it from npm there when missing. It drives a browser given by path (no download).
bench_find_playwright() {
  playwright_peers="$bench/target/peers"
  if [ ! -f "$playwright_peers/node_modules/playwright-core/package.json" ]; then
    say "installing playwright-core from npm into bench/target/peers"
    mkdir -p "$playwright_peers"
    (cd "$playwright_peers" && npm install --no-audit --no-fund --silent playwright-core >/dev/null) || die "npm install playwright-core failed"
  fi
}

# Runs the launcher's build step (unless $1 is 0): it builds the application when its sources
# changed and, on JDK 25, makes its AOT cache when that is missing or stale; then tells bin/sw4j not
# to build again.
bench_build_launcher() {
  if [ "$1" = 1 ]; then
    say "building the sw4j launcher (bin/sw4j: the application when it changed, its AOT cache)"
    "$root/bin/sw4j" --version >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; die "the build failed"; }
  fi
  export SW4J_SKIP_BUILD=1
}

# Prepends `globalThis.BENCH = $2;` to script $1, writing $3.
configure() { printf 'globalThis.BENCH = %s;\n' "$2" >"$3"; cat "$1" >>"$3"; }

# Runs a runtime ($2...) on a bench script; its RESULT lines go to $out/$1.results.
run_peer() {
  local name=$1; shift
  say "$name"
  "$@" >"$out/$name.log" 2>&1 || true
  grep -q '^DONE' "$out/$name.log" || { cat "$out/$name.log" >&2; die "$name did not finish the benchmark"; }
  grep '^RESULT' "$out/$name.log" | tee "$out/$name.results" >&2
}

# The value of measure $2 in $out/$1.results.
value() { awk -v m="$2" '$2 == m { print $3 }' "$out/$1.results"; }

# The JVM options of bin/sw4j (keep in step with it; run-worker-bench.sh has its own copy) for a
# layout directory $1 holding lib/ (class path), polyglot/ (module path) and jit/ (upgrade module
# path: the Graal compiler, so GraalJS has its JIT), one a line: `mapfile -t opts < <(bench_jvm_opts DIR)`.
bench_jvm_opts() {
  local dir=$1
  printf '%s\n' -XX:+UseSerialGC -XX:TieredStopAtLevel=4 -Xss4m \
    --enable-native-access=org.graalvm.truffle,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI \
    "--upgrade-module-path=$(echo "$dir"/jit/*.jar | tr ' ' ':')" \
    --module-path "$dir/polyglot" --add-modules org.graalvm.polyglot \
    -cp "$dir/lib/*"
}

# Starts a Node origin ($1: its script, then its arguments) whose first line says "LISTENING <port>";
# its log goes to $out/origin.log, it is killed when the calling script exits, and `port` is set.
bench_start_origin() {
  local origin_log="$out/origin.log"
  node "$@" >"$origin_log" 2>&1 &
  origin_pid=$!
  trap 'kill $origin_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^LISTENING //p' "$origin_log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "${port:-}" ] || die "the origin did not start: $(cat "$origin_log")"
}
