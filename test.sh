#!/usr/bin/env bash
# The test command. Installs what the interop tests drive, if it is missing: real IRC clients
# from Debian's packages (python3-irc, weechat-headless, irssi), Node.js and npm, and from the
# npm registry the Node.js clients' packages (tests/.../Interop/node, by its lock file); then
# runs every test.
# Extra arguments go to `dotnet test` (e.g. --filter Irc).
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/weechat-headless ] || need+=(weechat-headless)
[ -x /usr/bin/irssi ] || need+=(irssi)
/usr/bin/python3 -c 'import irc.client' 2>/dev/null || need+=(python3-irc)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: the interop tests need ${need[*]}: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "test.sh: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

node_clients=tests/Charla.Integration.Tests/Interop/node
if [ ! -f "$node_clients/node_modules/.package-lock.json" ] || [ "$node_clients/package-lock.json" -nt "$node_clients/node_modules/.package-lock.json" ]; then
  echo "test.sh: installing the Node.js interop clients (npm ci)"
  npm ci --prefix "$node_clients" --no-audit --no-fund --loglevel=error
fi

exec dotnet test "$@"
