#!/usr/bin/env bash
# Run Debian's ngIRCd, InspIRCd and ircd-hybrid side by side with Charla for benchmarks.
#
#   bench/peers/peer.sh install                 # install the three peers if missing (idempotent, quiet)
#   bench/peers/peer.sh start NAME PORT RUNDIR  # NAME: ngircd | inspircd | hybrid; prints the daemon's pid
#   bench/peers/peer.sh stop RUNDIR             # TERM the pid in RUNDIR/pid, KILL after 5 s
#
# start copies bench/peers/NAME/ into RUNDIR, replaces @PORT@ and @RUNDIR@, runs the
# daemon in the foreground (no fork) in the background of this script, writes its
# pid to RUNDIR/pid and waits up to 15 s until 127.0.0.1:PORT accepts TCP.
# The pid is the daemon itself (checked through /proc/PID/exe), so VmRSS in
# /proc/PID/status is the daemon's memory.
#
# ngircd conflicts with ircd-hybrid in Debian, so it is not installed through dpkg:
# its .deb is downloaded with apt-get and unpacked into $PEERS_PREFIX/ngircd
# (default /opt/bench-peers); its libraries are installed normally.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PREFIX=${PEERS_PREFIX:-/opt/bench-peers}
FD_LIMIT=20000
START_TIMEOUT=15

die() { echo "peer.sh: $*" >&2; exit 1; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

ngircd_bin() {
    if installed ngircd; then echo /usr/sbin/ngircd; else echo "$PREFIX/ngircd/usr/sbin/ngircd"; fi
}

binary_of() {
    case "$1" in
        ngircd) ngircd_bin ;;
        inspircd) echo /usr/sbin/inspircd ;;
        hybrid) echo /usr/sbin/ircd-hybrid ;;
        *) die "unknown peer '$1' (ngircd, inspircd or hybrid)" ;;
    esac
}

cmd_install() {
    local missing=() p
    for p in inspircd ircd-hybrid libident; do installed "$p" || missing+=("$p"); done
    local need_ngircd=0
    [ -x "$(ngircd_bin)" ] || need_ngircd=1
    if [ ${#missing[@]} -gt 0 ] || [ $need_ngircd = 1 ]; then
        apt-get update -qq >/dev/null
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        # Keep the packages' init scripts from starting system-wide daemons during
        # the install (Debian's policy-rc.d mechanism), unless a policy is already there.
        local policy=/usr/sbin/policy-rc.d own_policy=0
        if [ ! -e $policy ]; then
            printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy && own_policy=1
        fi
        local ok=1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || ok=0
        if [ $own_policy = 1 ]; then rm -f $policy; fi
        [ $ok = 1 ] || die "apt-get install ${missing[*]} failed"
        # ...and from starting at boot.
        for p in inspircd ircd-hybrid; do
            if [ -d /run/systemd/system ]; then systemctl disable --now "$p" >/dev/null 2>&1 || true
            else update-rc.d "$p" disable >/dev/null 2>&1 || true; fi
        done
    fi
    if [ $need_ngircd = 1 ]; then
        local tmp
        tmp=$(mktemp -d)
        chmod 777 "$tmp"   # apt-get download drops root and writes as _apt
        (cd "$tmp" && apt-get download -qq ngircd >/dev/null 2>&1) || { rm -rf "$tmp"; die "apt-get download ngircd failed"; }
        rm -rf "$PREFIX/ngircd"
        mkdir -p "$PREFIX/ngircd"
        dpkg-deb -x "$tmp"/ngircd_*.deb "$PREFIX/ngircd"
        cp "$tmp"/ngircd_*.deb "$PREFIX/"
        rm -rf "$tmp"
    fi
    local ng_version
    if installed ngircd; then ng_version=$(dpkg-query -W -f='${Version}' ngircd)
    else ng_version="$(dpkg-deb -f "$(ls "$PREFIX"/ngircd_*.deb | head -n1)" Version) (unpacked in $PREFIX/ngircd)"; fi
    echo "peers: ngircd $ng_version, inspircd $(dpkg-query -W -f='${Version}' inspircd)," \
         "ircd-hybrid $(dpkg-query -W -f='${Version}' ircd-hybrid)"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# Is PID one of the peer daemons (or the DNS stub)? Guards against signalling a recycled pid.
ours() {
    local exe
    exe=$(readlink -f "/proc/$1/exe" 2>/dev/null) || return 1
    case "$exe" in
        "$(readlink -f "$(ngircd_bin)")"|/usr/sbin/inspircd|/usr/sbin/ircd-hybrid) return 0 ;;
    esac
    grep -q nodns.py "/proc/$1/cmdline" 2>/dev/null
}

# Signal PID with TERM, then KILL after 5 s.
terminate() {
    local pid=$1 i
    alive "$pid" && ours "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 50); do alive "$pid" || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 20); do alive "$pid" || return 0; sleep 0.1; done
}

cmd_start() {
    [ $# -eq 3 ] || die "usage: peer.sh start NAME PORT RUNDIR"
    local name=$1 port=$2 rundir=$3 bin log
    bin=$(binary_of "$name")
    [[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "bad port '$port'"
    [ -x "$bin" ] || die "$bin not found: run 'peer.sh install' first"
    mkdir -p "$rundir"
    rundir=$(cd "$rundir" && pwd)
    [[ $rundir != *[\|\&\\]* ]] || die "RUNDIR must not contain | & or \\"
    if [ -f "$rundir/pid" ] && alive "$(cat "$rundir/pid")"; then
        die "a daemon is already running from $rundir (pid $(cat "$rundir/pid"))"
    fi
    port_open "$port" && die "127.0.0.1:$port is already in use"

    cp -r "$HERE/$name/." "$rundir/"
    local f
    for f in "$rundir"/*; do
        if [ -f "$f" ]; then sed -i -e "s|@PORT@|$port|g" -e "s|@RUNDIR@|$rundir|g" "$f"; fi
    done
    rm -f "$rundir/pid"
    log="$rundir/$name.out"

    ulimit -n $FD_LIMIT || die "cannot raise ulimit -n to $FD_LIMIT"

    local pid
    case "$name" in
        ngircd)
            # Started as root, it switches to ServerUID nobody itself (same pid);
            # --nodaemon keeps it in the foreground.
            chown -R nobody:nogroup "$rundir"
            setsid "$bin" --nodaemon --config "$rundir/ngircd.conf" >"$log" 2>&1 </dev/null &
            pid=$!
            ;;
        inspircd)
            # InspIRCd refuses root unless told so; --nofork keeps it in the foreground.
            setsid "$bin" --nofork --runasroot --config "$rundir/inspircd.conf" >"$log" 2>&1 </dev/null &
            pid=$!
            ;;
        hybrid)
            # ircd-hybrid refuses to run as root: it runs as the system user irc.
            # Its reverse DNS lookups go to a stub on 127.0.0.1:53 (see hybrid/ircd.conf):
            # a private mount namespace gives it its own /etc/resolv.conf.
            chown -R irc:irc "$rundir"
            setpriv --reuid=irc --regid=irc --init-groups test -w "$rundir" \
                || die "$rundir is not writable by user irc (are its parent directories searchable?)"
            echo "nameserver 127.0.0.1" > "$rundir/resolv.conf"
            if ss -Hlun 'sport = :53' | grep -q '127.0.0.1:53'; then
                echo "peer.sh: note: reusing the DNS server already on 127.0.0.1:53" >&2
            else
                setsid python3 "$rundir/nodns.py" 53 >"$rundir/nodns.out" 2>&1 </dev/null &
                echo $! > "$rundir/nodns.pid"
                sleep 0.3
                alive "$(cat "$rundir/nodns.pid")" || die "DNS stub failed: $(tail -n 5 "$rundir/nodns.out")"
            fi
            setsid unshare --mount sh -c '
                mount --bind "$1/resolv.conf" /etc/resolv.conf &&
                exec setpriv --reuid=irc --regid=irc --init-groups "$2" -foreground \
                    -configfile "$1/ircd.conf" -logfile "$1/ircd.log" -pidfile "$1/ircd.pid" \
                    -klinefile "$1/kline.db" -dlinefile "$1/dline.db" \
                    -xlinefile "$1/xline.db" -resvfile "$1/resv.db"' \
                sh "$rundir" "$bin" >"$log" 2>&1 </dev/null &
            pid=$!
            ;;
    esac
    echo "$pid" > "$rundir/pid"

    local waited=0
    until port_open "$port"; do
        if ! alive "$pid"; then start_failed "$name exited before listening on 127.0.0.1:$port"; fi
        if [ $waited -ge $((START_TIMEOUT * 10)) ]; then
            start_failed "$name did not come up on 127.0.0.1:$port within ${START_TIMEOUT}s"
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    # The pid must be the daemon itself, not a wrapper (setsid/unshare/setpriv exec in place).
    if [ "$(readlink -f "/proc/$pid/exe")" != "$(readlink -f "$bin")" ]; then
        start_failed "pid $pid is $(readlink -f "/proc/$pid/exe"), not $bin"
    fi
    echo "$pid"
}

# Report why start failed, with the end of the daemon's logs, and clean up.
start_failed() {
    echo "peer.sh: $1" >&2
    local f
    for f in "$log" "$rundir"/*.log; do
        if [ -s "$f" ]; then echo "--- last lines of $f:" >&2; tail -n 15 "$f" >&2; fi
    done
    terminate "$pid"
    if [ -f "$rundir/nodns.pid" ]; then terminate "$(cat "$rundir/nodns.pid")"; fi
    rm -f "$rundir/pid" "$rundir/nodns.pid"
    exit 1
}

cmd_stop() {
    [ $# -eq 1 ] || die "usage: peer.sh stop RUNDIR"
    local rundir=$1
    [ -f "$rundir/pid" ] || die "no $rundir/pid"
    terminate "$(cat "$rundir/pid")"
    rm -f "$rundir/pid"
    if [ -f "$rundir/nodns.pid" ]; then
        terminate "$(cat "$rundir/nodns.pid")"
        rm -f "$rundir/nodns.pid"
    fi
}

case "${1:-}" in
    install) shift; cmd_install "$@" ;;
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    *) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
