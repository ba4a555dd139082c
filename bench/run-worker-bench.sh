#!/usr/bin/env bash
# Benchmarks of sw4j's worker runtime. Builds what it needs, then measures, with GraalJS's JIT on:
#   1. warm worker start: a new worker on a warm host, up to its ~100 KB script evaluated (JMH)
#   2. no-op event dispatch: dispatchExtendableEvent('noop') round trip on a running worker (JMH)
#   3. `sw4j exec` of a trivial script: process start -> script evaluated, and -> exit
# and, unless --skip-aot, whether the JDK's AOT cache / CDS can shorten (3), and by how much.
# The figures are printed at the end, each beside its goal. See bench/README.md.
#
# Usage: bench/run-worker-bench.sh [--quick] [--skip-build] [--skip-jmh] [--skip-exec] [--skip-aot]
#                                  [--runs N] [--jmh 'extra JMH args']
# --runs: sw4j exec runs (default 10; the AOT/CDS variants get half as many each).
# Environment: BENCH_JAVA_OPTS adds JVM options to the benchmark JVMs (JMH and its forks).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
bench="$root/bench"
target="$bench/target"
out="$target/bench-results"

quick=0 build=1 do_jmh=1 do_exec=1 do_aot=1 runs=10 jmh_extra=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --skip-build) build=0 ;;
    --skip-jmh) do_jmh=0 ;;
    --skip-exec) do_exec=0; do_aot=0 ;;
    --skip-aot) do_aot=0 ;;
    --runs) runs=$2; shift ;;
    --jmh) jmh_extra=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-worker-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ "$quick" = 1 ] && [ "$runs" = 10 ] && runs=5
aot_runs=$(( runs < 6 ? runs : runs / 2 ))  # each of the three AOT/CDS variants

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'run-worker-bench: %s\n' "$*" >&2; exit 1; }

# shellcheck source=bin/jdk.sh
. "$root/bin/jdk.sh"
sw4j_find_jdk || exit 2
[ "${SW4J_JAVA_FEATURE:-0}" -ge 25 ] \
  || die "needs JDK 25 or newer (found $SW4J_JAVA_FEATURE at $JAVA_HOME): older JDKs have no JVMCI for GraalJS's JIT, and the figures would measure the interpreter. Set JAVA_HOME."
java="$JAVA_HOME/bin/java"
mkdir -p "$out"

printf 'run-worker-bench: %s, JDK %s (%s), %s CPUs, load average %s\n' "$(date '+%F %T')" \
  "$SW4J_JAVA_FEATURE" "$JAVA_HOME" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "run-worker-bench: WARNING: the machine is busy (load $load on $(nproc) CPUs); figures will be inflated and noisy" >&2
fi

# ------------------------------------------------------------------------------------ build
if [ "$build" = 1 ]; then
  say "building (mvn -pl bench,cli -am package)"
  log="$out/build.log"
  (cd "$root" && mvn -B -q -DskipTests -Dmaven.test.skip.exec=true -pl bench,cli -am package) >"$log" 2>&1 \
    || { cat "$log" >&2; die "the build failed"; }
fi
[ -d "$target/lib" ] && [ -d "$target/polyglot" ] && [ -d "$target/jit" ] \
  || die "$target/{lib,polyglot,jit} missing; run without --skip-build"

# shellcheck source=bench/lib.sh
. "$bench/lib.sh"
mapfile -t bench_opts < <(bench_jvm_opts "$target")
# shellcheck disable=SC2206
extra_opts=(${BENCH_JAVA_OPTS:-})

# ------------------------------------------------------------------------------------ JIT check
say "checking that GraalJS runs with its JIT"
runtime=$("$java" "${bench_opts[@]}" "${extra_opts[@]}" org.sw4j.bench.JitCheck 2>"$out/jitcheck.err") || {
  cat "$out/jitcheck.err" >&2
  die "GraalJS runs INTERPRETED (Truffle runtime '${runtime:-?}'), not with its JIT: the figures would be meaningless. Check JVMCI and the Graal compiler on the upgrade module path."
}
echo "Truffle runtime: $runtime" >&2

# ------------------------------------------------------------------------------------ JMH
csv="$out/jmh.csv"
if [ "$do_jmh" = 1 ]; then
  say "JMH: worker start, event dispatch, hand-off baseline (forks inherit the JVM options above)"
  jmh_args=(-foe true -rf csv -rff "$csv")
  # --quick: short warm-up and measurement; numbers are indicative only.
  [ "$quick" = 1 ] && jmh_args+=(-wi 2 -w 2 -i 2 -r 2)
  # shellcheck disable=SC2206
  jmh_args+=($jmh_extra)
  rm -f "$csv"
  if ! "$java" "${bench_opts[@]}" "${extra_opts[@]}" org.openjdk.jmh.Main "${jmh_args[@]}" \
      'org\.sw4j\.bench\.(WorkerStartBenchmark|EventDispatchBenchmark|HandoffBaselineBenchmark)\.' \
      2>&1 | tee "$out/jmh.log" >&2; then
    die "JMH failed (see $out/jmh.log)"
  fi
fi

# jmh_figure BENCHMARK SUFFIX: the score of e.g. "WorkerStartBenchmark.start100k" ":p0.50" from the CSV.
jmh_figure() {
  [ -f "$csv" ] || return 0
  awk -F, -v name="\"org.sw4j.bench.$1$2\"" '$1 == name { if ($5 >= 100) printf "%.0f", $5; else printf "%.3g", $5 }' "$csv"
}

# ------------------------------------------------------------------------------------ exec
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "?"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

work="$out/exec"
mkdir -p "$work"
# Date.now() rather than performance.timeOrigin + performance.now(): both are epoch milliseconds,
# but Date.now() is the wall clock that `date` reads, whatever the worker's time origin is.
printf "console.log('evaluated ' + Date.now());\n" >"$work/ready.js"

# time_runs LABEL N COMMAND...: runs COMMAND (which must run ready.js) N times; for each run
# records "<process start -> evaluated> <process start -> JVM up> <process start -> exit> <CPU>" in ms,
# where "JVM up" is the JVM's first GC-init log line (COMMAND must let $GCLOG through to the JVM).
time_runs() {
  local label=$1 n=$2; shift 2
  local file="$out/times-$label.txt" i t0 t1 ev jvm cpu TIMEFORMAT='%U %S'
  : >"$file"
  for i in $(seq "$n"); do
    export GCLOG="$work/gc-$label-$i.log"
    rm -f "$GCLOG"
    t0=$(date +%s%3N)
    # bash's `time` also gives the CPU time (user + sys) the run used, which a busy machine
    # inflates far less than wall-clock time.
    { time "$@" >"$work/out-$label.txt" 2>"$work/err-$label-$i.txt"; } 2>"$work/cpu-$label.txt" || {
      cat "$work/out-$label.txt" "$work/err-$label-$i.txt" >&2; die "run $i of '$label' failed"; }
    t1=$(date +%s%3N)
    cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/cpu-$label.txt")
    ev=$(sed -n 's/^evaluated \([0-9][0-9]*\).*/\1/p' "$work/out-$label.txt" | head -n 1)
    [ -n "$ev" ] || { cat "$work/out-$label.txt" "$work/err-$label-$i.txt" >&2; die "'$label' printed no evaluation time"; }
    jvm=$(sed -n 's/^\[\([0-9][0-9]*\)ms\].*/\1/p' "$GCLOG" 2>/dev/null | head -n 1)
    echo "$((ev - t0)) $(( ${jvm:-$t0} - t0 )) $((t1 - t0)) $cpu" >>"$file"
    printf '  %-14s run %2d: evaluated after %5d ms, exited after %5d ms, CPU %5d ms\n' "$label" "$i" "$((ev - t0))" "$((t1 - t0))" "$cpu" >&2
  done
}
col_median() { awk -v c="$2" '{ print $c }' "$out/times-$1.txt" | median; }

if [ "$do_exec" = 1 ]; then
  say "sw4j exec of a trivial script, $runs runs (bin/sw4j, SW4J_SKIP_BUILD=1)"
  # One untimed run: the launcher builds cli/target/app itself if it is stale.
  "$root/bin/sw4j" exec "$work/ready.js" >/dev/null 2>"$work/first.err" || { cat "$work/first.err" >&2; die "bin/sw4j exec failed"; }
  # The launcher's polyglot/jit directories, with the launcher's options, must give the JIT too.
  mapfile -t app_opts < <(bench_jvm_opts "$root/cli/target/app")
  app_runtime=$("$java" "${app_opts[@]}" -cp "$target/lib/*" org.sw4j.bench.JitCheck 2>/dev/null) \
    || die "bin/sw4j's layout runs GraalJS INTERPRETED ('$app_runtime'), not with its JIT"
  launcher() { SW4J_SKIP_BUILD=1 SW4J_JAVA_OPTS="-Xlog:gc+init=info:file=$GCLOG:timemillis" "$root/bin/sw4j" exec "$work/ready.js"; }
  time_runs launcher "$runs" launcher
fi

# ------------------------------------------------------------------------------------ AOT / CDS
# bin/sw4j passes --upgrade-module-path (the Graal compiler must replace the JDK's own
# jdk.graal.compiler module, which lacks Truffle support). HotSpot turns CDS off entirely with that
# option, so even the JDK's default CDS archive is unused, and refuses to create an AOT cache.
# What works: a jlinked copy of the JDK without its jdk.graal.compiler* modules, where the Graal
# compiler jar goes on the plain --module-path (no upgrade), so CDS and the AOT cache apply.
aot_note=""
if [ "$do_aot" = 1 ]; then
  aot="$target/aot"
  mkdir -p "$aot"
  rm -f "$work"/err-*.txt
  say "AOT cache / CDS with the launcher's options"
  SW4J_SKIP_BUILD=1 SW4J_JAVA_OPTS="-Xshare:auto -Xlog:cds=info" "$root/bin/sw4j" exec "$work/ready.js" 2>&1 \
    | grep -iE 'cds|aot|share' | grep -iE 'disabl|cannot|error|not ' | head -n 3 | sed 's/^/  CDS:  /' >&2 || true
  rm -f "$aot/launcher.aot"
  SW4J_SKIP_BUILD=1 SW4J_JAVA_OPTS="-XX:AOTCacheOutput=$aot/launcher.aot" "$root/bin/sw4j" exec "$work/ready.js" \
    >"$aot/launcher-train.log" 2>&1 || true
  if [ -s "$aot/launcher.aot" ]; then
    echo "  AOT:  an AOT cache was created with the launcher's options" >&2
  else
    grep -vE '^evaluated' "$aot/launcher-train.log" | head -n 3 | sed 's/^/  AOT:  /' >&2
  fi

  jdk="$aot/jdk"
  jdk_from="$JAVA_HOME $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$JAVA_HOME/release")"
  if [ ! -x "$jdk/bin/java" ] || [ "$(cat "$aot/jdk.from" 2>/dev/null)" != "$jdk_from" ]; then
    say "jlink: a copy of $JAVA_HOME without jdk.graal.compiler* (for the module-path variant)"
    rm -rf "$jdk"
    mods=$("$java" --list-modules | sed 's/@.*//' | grep -vE '^jdk\.graal\.compiler|^jdk\.jlink$|^jdk\.jpackage$|incubator' | paste -sd, -)
    if "$JAVA_HOME/bin/jlink" --add-modules "$mods" --output "$jdk" --no-header-files --no-man-pages >"$aot/jlink.log" 2>&1 \
        && "$jdk/bin/java" -Xshare:dump >"$aot/cds-dump.log" 2>&1; then
      echo "$jdk_from" >"$aot/jdk.from"
    else
      cat "$aot/jlink.log" >&2; rm -rf "$jdk"
      aot_note="jlink of the JDK failed (see $aot/jlink.log): no module-path/AOT variant"
    fi
  fi
  if [ -x "$jdk/bin/java" ]; then
    # A private copy of the application: an AOT cache is only used with the very jars (same
    # timestamps) it was made from, and cli/target/app may be rebuilt while this runs.
    rm -rf "$aot/app"
    cp -a "$root/cli/target/app" "$aot/app"
    app="$aot/app"
    common=(-XX:+UseSerialGC -XX:TieredStopAtLevel=4 -Xss4m
      --enable-native-access=org.graalvm.truffle,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
      -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI)
    modpath=("${common[@]}" --module-path "$app/polyglot:$(echo "$app"/jit/*.jar | tr ' ' ':')"
      --add-modules org.graalvm.polyglot,jdk.graal.compiler -cp "$app/lib/*")
    mapfile -t upgrade < <(bench_jvm_opts "$app")
    check=$("$jdk/bin/java" "${modpath[@]}" -cp "$target/lib/*" org.sw4j.bench.JitCheck 2>/dev/null) || true
    if [ "$check" = "" ] || [ "$check" = "Interpreted" ]; then
      aot_note="the module-path variant runs GraalJS interpreted ('$check'); not measured"
    else
      say "AOT training run (jlinked JDK, compiler on --module-path, -XX:AOTCacheOutput)"
      rm -f "$aot/app.aot"
      "$jdk/bin/java" "${modpath[@]}" -XX:AOTCacheOutput="$aot/app.aot" org.sw4j.cli.Main exec "$work/ready.js" \
        >"$aot/train.log" 2>&1 || { cat "$aot/train.log" >&2; die "the AOT training run failed"; }
      echo "  $(grep -c 'warning.*aot.*Skipping' "$aot/train.log" || true) classes skipped (old class files, proxies, JFR: see $aot/train.log); cache $(du -m "$aot/app.aot" | cut -f1) MB" >&2
      say "$aot_runs runs each: launcher's java command line / jlinked JDK + CDS / + AOT cache / + C1 only"
      direct() { "$java" -Xlog:gc+init=info:file="$GCLOG":timemillis "${upgrade[@]}" org.sw4j.cli.Main exec "$work/ready.js"; }
      modcds() { "$jdk/bin/java" -Xlog:gc+init=info:file="$GCLOG":timemillis "${modpath[@]}" org.sw4j.cli.Main exec "$work/ready.js"; }
      modaot() { "$jdk/bin/java" -Xlog:gc+init=info:file="$GCLOG":timemillis "${modpath[@]}" -XX:AOTCache="$aot/app.aot" \
        -Xlog:aot=warning,cds=warning:stderr "$@" org.sw4j.cli.Main exec "$work/ready.js"; }
      time_runs direct "$aot_runs" direct
      time_runs jlink-cds "$aot_runs" modcds
      time_runs jlink-aot "$aot_runs" modaot
      # HotSpot's C2 compiling Truffle's and GraalJS's Java code competes for the CPUs at start-up;
      # C1 only (JavaScript is still compiled by Graal) is worth knowing for short `exec` runs.
      modaotc1() { modaot -XX:TieredStopAtLevel=1; }
      time_runs jlink-aot-c1 "$aot_runs" modaotc1
      # A cache that does not match (a jar rebuilt since the training run) is ignored with a warning.
      if cat "$work"/err-jlink-aot*.txt | grep -qE '\[(aot|cds)'; then
        aot_note="the JVM did not (fully) use the AOT cache: $(cat "$work"/err-jlink-aot*.txt | grep -E '\[(aot|cds)' | head -n 1)"
      fi
    fi
  fi
fi

# ------------------------------------------------------------------------------------ summary
verdict() { # value goal -> "met" / "MISSED"
  awk -v v="$1" -v g="$2" 'BEGIN { if (v == "" || v == "?") print "n/a"; else print (v + 0 <= g + 0 ? "met" : "MISSED") }'
}
{
  echo
  echo "==================================================================================="
  echo "sw4j worker runtime benchmarks ($(date '+%F %T'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), JDK $SW4J_JAVA_FEATURE, Truffle runtime '$runtime')"
  echo "==================================================================================="
  if [ "$quick" = 1 ]; then
    echo "(--quick: JMH warm-ups too short for GraalJS's JIT; these are NOT the warm figures)"
  fi
  if [ "$do_jmh" = 1 ] && [ -f "$csv" ]; then
    m=$(jmh_figure WorkerStartBenchmark.start100k :p0.50); p=$(jmh_figure WorkerStartBenchmark.start100k :p0.99)
    echo "1. warm worker start (100 KB script): median $m ms, p99 $p ms (goal <= 5 ms median: $(verdict "$m" 5))"
    echo "     empty script (thread + context + bootstrap): median $(jmh_figure WorkerStartBenchmark.startEmpty :p0.50) ms, p99 $(jmh_figure WorkerStartBenchmark.startEmpty :p0.99) ms"
    echo "     100 KB script not in the source cache (parsed anew): median $(jmh_figure WorkerStartBenchmark.start100kUncached :p0.50) ms, p99 $(jmh_figure WorkerStartBenchmark.start100kUncached :p0.99) ms"
    m=$(jmh_figure EventDispatchBenchmark.dispatchNoop :p0.50); p=$(jmh_figure EventDispatchBenchmark.dispatchNoop :p0.99)
    echo "2. no-op event dispatch (round trip): median $m us, p99 $p us (goal <= 10 us median: $(verdict "$m" 10))"
    echo "     thread hand-off alone (lock/condition + future, no JavaScript): median $(jmh_figure HandoffBaselineBenchmark.parking :p0.50) us, p99 $(jmh_figure HandoffBaselineBenchmark.parking :p0.99) us"
    echo "     the same hand-off, both sides spinning up to 50 us before parking: median $(jmh_figure HandoffBaselineBenchmark.spinning :p0.50) us, p99 $(jmh_figure HandoffBaselineBenchmark.spinning :p0.99) us"
  else
    echo "1./2. (JMH not run)"
  fi
  if [ -f "$out/times-launcher.txt" ] && [ "$do_exec" = 1 ]; then
    echo "3. sw4j exec, process start -> script evaluated: median $(col_median launcher 1) ms over $runs runs (no goal set)"
    echo "     of which bin/sw4j before the JVM (bash, JDK discovery): median $(col_median launcher 2) ms;" \
      "process start -> exit: median $(col_median launcher 3) ms; CPU time (user + sys): median $(col_median launcher 4) ms"
  else
    echo "3. (sw4j exec not run)"
  fi
  if [ "$do_aot" = 1 ]; then
    echo "   AOT cache / CDS (java started directly, no bin/sw4j; medians of $aot_runs runs, start -> evaluated / -> exit / CPU time):"
    if [ -f "$out/times-direct.txt" ]; then
      for v in "direct:launcher's options (--upgrade-module-path, so no CDS at all)" \
          "jlink-cds:jlinked JDK, compiler on --module-path, default CDS" \
          "jlink-aot:the same + AOT cache (-XX:AOTCache, JDK 25)" \
          "jlink-aot-c1:the same + C1 only (-XX:TieredStopAtLevel=1)"; do
        printf '     %-64s %s / %s / %s ms\n' "${v#*:}:" "$(col_median "${v%%:*}" 1)" "$(col_median "${v%%:*}" 3)" "$(col_median "${v%%:*}" 4)"
      done
    fi
    [ -n "$aot_note" ] && echo "     note: $aot_note"
  fi
  echo "Raw results: $out (jmh.csv, jmh.log, times-*.txt: start->evaluated, start->JVM up, start->exit, CPU, in ms)"
} | tee "$out/summary.txt"
