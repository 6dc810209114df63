#!/usr/bin/env bash
# The test command. Installs what the interop tests drive, real IRC clients from Debian's
# packages (python3-irc, weechat-headless, irssi), if they are missing; then runs every test.
# Extra arguments go to `dotnet test` (e.g. --filter Irc).
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/weechat-headless ] || need+=(weechat-headless)
[ -x /usr/bin/irssi ] || need+=(irssi)
/usr/bin/python3 -c 'import irc.client' 2>/dev/null || need+=(python3-irc)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: the interop tests need ${need[*]}: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "test.sh: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

exec dotnet test "$@"
