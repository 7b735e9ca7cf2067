# Helpers sourced by the project scripts.
say() { printf 'atrest: %s\n' "$*"; }
die() { printf 'atrest: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# Installs node_modules when missing or older than package-lock.json or the
# patches npm ci applies to it (patches/).
ensure_node_modules() {
  local stamp=node_modules/.atrest-lock-hash want
  want=$(cat package-lock.json patches/*.patch | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
  fi
}

# Java 17+ and Maven run the local Kafka broker; without them, Docker is the way.
have_java_toolchain() {
  have java && have mvn || return 1
  local major
  major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  [ "${major:-0}" -ge 17 ]
}
