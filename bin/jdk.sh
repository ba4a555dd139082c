# Sourced by bin/sw4j and bin/test: finds a JDK 21 or newer and exports JAVA_HOME to it.
# Preference: SW4J_JAVA_HOME, then JAVA_HOME, then the newest JDK under /usr/lib/jvm, then the
# `java` on PATH. A JDK below 21 is passed over.

sw4j_java_feature() { # prints the feature version (e.g. 25) of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  # The JDK's release file says it without starting a JVM (which costs the launcher 0.1-0.3 s).
  local release
  release=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\)[."].*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  if [ -n "$release" ] && [ "$release" != 1 ]; then
    echo "$release"
    return 0
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

sw4j_find_jdk() {
  local candidates=() dir best="" best_version=0 version
  [ -n "${SW4J_JAVA_HOME:-}" ] && candidates+=("$SW4J_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in "${candidates[@]}"; do
    version=$(sw4j_java_feature "$dir")
    [ -n "$version" ] || continue
    # An explicit SW4J_JAVA_HOME or JAVA_HOME that is new enough wins outright.
    if [ "$version" -ge 21 ] && { [ "$dir" = "${SW4J_JAVA_HOME:-}" ] || [ "$dir" = "${JAVA_HOME:-}" ]; }; then
      best=$dir; best_version=$version; break
    fi
    if [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best=$dir; best_version=$version
    fi
  done
  if [ -z "$best" ]; then
    echo "sw4j: needs a JDK 21 or newer (25 for the JavaScript JIT), and found none." >&2
    echo "sw4j: looked at SW4J_JAVA_HOME, JAVA_HOME, /usr/lib/jvm and the java on PATH." >&2
    echo "sw4j: install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export SW4J_JAVA_FEATURE=$best_version
}
