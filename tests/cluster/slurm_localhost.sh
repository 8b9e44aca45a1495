#!/usr/bin/env bash
# A one-node Slurm cluster on 127.0.0.1, for testing the SLURM profile (pytest -m cluster).
#
#   tests/cluster/slurm_localhost.sh up DIR     install if needed, start munge, slurmctld, slurmd
#   tests/cluster/slurm_localhost.sh down DIR   stop every daemon it started, by its pid file
#
# Everything it writes is under DIR (config, key, state, logs, pid files, sockets) but one
# link: /etc/slurm/slurm.conf to DIR/slurm.conf, made if no config is there and removed by
# `down`. The executor plugin clears SLURM_* in a job's environment before it calls srun,
# SLURM_CONF with it, so srun inside a job reads the default path. After `up`,
# `export SLURM_CONF=DIR/slurm.conf` (or the link) points the Slurm commands at it. Root only,
# idempotent (`up` on a running cluster checks it and returns), and every wait is bounded,
# so it fails with a message instead of hanging. No accounting: `sacct` fails on it, and
# the profile is run with `--slurm-status-command squeue` (README, "On a cluster").
set -euo pipefail

readonly WAIT_SECONDS=30
readonly CTLD_PORT=16817
readonly SLURMD_PORT=16818
readonly DEFAULT_CONF=/etc/slurm/slurm.conf

die() {
    echo "slurm_localhost: $*" >&2
    exit 1
}

usage() {
    die "usage: $0 up|down DIR"
}

[[ $# -eq 2 ]] || usage
action=$1
dir=$2
[[ $(id -u) -eq 0 ]] || die "must run as root (slurmd starts jobs as their user)"

# Waits up to WAIT_SECONDS for a command to succeed; says what it waited for if not.
wait_for() {
    local what=$1
    shift
    local deadline=$((SECONDS + WAIT_SECONDS))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || die "gave up after ${WAIT_SECONDS}s waiting for $what (logs in $dir)"
        sleep 0.2
    done
}

running() {
    [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

stop() {
    local pidfile=$1 pid
    running "$pidfile" || return 0
    pid=$(cat "$pidfile")
    kill "$pid"
    local deadline=$((SECONDS + WAIT_SECONDS))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            kill -9 "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    rm -f "$pidfile"
}

install_packages() {
    command -v slurmctld >/dev/null && command -v munged >/dev/null && return 0
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -qq
    timeout 600 apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
}

write_config() {
    local cpus memory
    cpus=$(nproc)
    # What the node offers jobs: its memory less 1 GiB for the daemons and the build.
    memory=$(($(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) - 1024))
    cat >"$dir/slurm.conf" <<EOF
ClusterName=localhost
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=1
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
}

up() {
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    export SLURM_CONF=$dir/slurm.conf
    if running "$dir/munged.pid" && running "$dir/slurmctld.pid" && running "$dir/slurmd.pid"; then
        wait_for "the node to be idle" sh -c "sinfo -h -o %t | grep -qx idle"
        return 0
    fi
    down
    install_packages
    mkdir -p "$dir/state" "$dir/spool"
    chmod 0700 "$dir"
    if [[ ! -s $dir/munge.key ]]; then
        mungekey --create --keyfile="$dir/munge.key"
    fi
    chown root:root "$dir/munge.key"
    chmod 0600 "$dir/munge.key"
    write_config
    link_default_config
    munged --key-file="$dir/munge.key" --socket="$dir/munge.socket" \
        --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" \
        --seed-file="$dir/munged.seed" --force
    wait_for "munged" munge --socket="$dir/munge.socket" -n
    slurmctld -f "$SLURM_CONF"
    wait_for "slurmctld" scontrol ping
    slurmd -f "$SLURM_CONF" -N localhost
    wait_for "the node to be idle" sh -c "sinfo -h -o %t | grep -qx idle"
}

link_default_config() {
    if [[ -L $DEFAULT_CONF && $(readlink "$DEFAULT_CONF") == "$dir/slurm.conf" ]]; then
        return 0
    fi
    [[ ! -e $DEFAULT_CONF && ! -L $DEFAULT_CONF ]] ||
        die "$DEFAULT_CONF exists: this machine has a Slurm configuration of its own; not touching it"
    mkdir -p "$(dirname "$DEFAULT_CONF")"
    ln -s "$dir/slurm.conf" "$DEFAULT_CONF"
}

down() {
    [[ -d $dir ]] || return 0
    dir=$(cd "$dir" && pwd)
    stop "$dir/slurmd.pid"
    stop "$dir/slurmctld.pid"
    stop "$dir/munged.pid"
    if [[ -L $DEFAULT_CONF && $(readlink "$DEFAULT_CONF") == "$dir/slurm.conf" ]]; then
        rm "$DEFAULT_CONF"
    fi
}

case $action in
up) up ;;
down) down ;;
*) usage ;;
esac
