# Sourced by the scripts beside it: messages on stderr (stdout carries results), and Debian
# packages installed on demand.

say() { echo "${SCRIPT_NAME:-docker}: $*" >&2; }
# Exit code 3: this machine cannot do it; the container tests skip with the reason.
cannot() { say "$*"; exit 3; }
have() { command -v "$1" >/dev/null 2>&1; }

# apt_install COMMAND=PACKAGE...: installs each package whose command is missing.
apt_install() {
  local wanted missing=()
  for wanted in "$@"; do have "${wanted%%=*}" || missing+=("${wanted#*=}"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || cannot "${missing[*]} missing and not root: apt-get needs root to install them"
  have apt-get || cannot "${missing[*]} missing and no apt-get to install them (Debian's packages are named here)"
  say "installing ${missing[*]} from Debian's packages"
  # Lists may be absent or stale on a fresh machine; an update is cheap next to the install.
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
