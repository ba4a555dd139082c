#!/usr/bin/env bash
# The Cache Storage crash test, long: SqliteCacheStore in a child JVM killed with SIGKILL in the
# middle of concurrent commits, then reopened and checked (every entry's body whole, no orphan
# file left), for 50 rounds in each durability mode, CRASH_SAFE and SYNCED (the normal test run does
# 5 and 3).
#
# Usage: bench/run-cache-crash.sh [--rounds N] [--seed N]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
rounds=50 seed=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift ;;
    --seed) seed=$2; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-cache-crash: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=bin/jdk.sh
. "$root/bin/jdk.sh"
sw4j_find_jdk || exit 2
[ "${SW4J_JAVA_FEATURE:-0}" -ge 25 ] \
  || { echo "run-cache-crash: needs JDK 25 or newer (found $SW4J_JAVA_FEATURE at $JAVA_HOME). Set JAVA_HOME." >&2; exit 1; }

args=(-q -B -pl storage -am test -Dtest=CacheStoreCrashTest -Dsw4j.crash.rounds="$rounds"
      -Dsurefire.failIfNoSpecifiedTests=false)
[ -n "$seed" ] && args+=(-Dsw4j.crash.seed="$seed")
printf 'run-cache-crash: %s rounds, JDK %s at %s\n' "$rounds" "$SW4J_JAVA_FEATURE" "$JAVA_HOME" >&2
status=0
(cd "$root" && mvn "${args[@]}") || status=$?
report="$root/storage/target/surefire-reports/org.sw4j.storage.CacheStoreCrashTest-output.txt"
[ -f "$report" ] && grep 'intact after the kill' "$report" >&2 || true
if [ "$status" = 0 ]; then
  echo "run-cache-crash: all $rounds rounds passed in each durability mode" >&2
else
  echo "run-cache-crash: FAILED (see storage/target/surefire-reports)" >&2
fi
exit "$status"
