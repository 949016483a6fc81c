# Shared by the scripts in this folder: finds a Java 21+ for the build and installs the
# Debian packages the build and tests need when they are missing. Source it; do not run it.

# Prints the feature version ("21", "25") of the java binary $1.
syncline_java_version() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

# Sets and exports JAVA_HOME to a JDK 21 or newer: the one in JAVA_HOME if it is new enough,
# else the newest one under /usr/lib/jvm. Fails with a clear message when there is none.
syncline_find_jdk() {
  local candidate version
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    version=$(syncline_java_version "$JAVA_HOME/bin/java")
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME
      return 0
    fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    version=$(syncline_java_version "$candidate/bin/java")
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "Syncline needs a JDK 21 or newer to build. Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}

# Installs the Debian packages named as arguments that are not installed yet. Without root
# or apt-get it names the missing packages and fails, so nothing is half-installed.
syncline_need_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing missing packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again." >&2
    return 1
  fi
}
