#!/usr/bin/env bash
# A Docker engine for this machine, where none is installed or running (Debian, as root):
#
#   scripts/docker/engine.sh start   starts dockerd when no engine answers, installing Debian's
#                                    docker.io and docker-compose first when missing; prints
#                                    "started", or "running" for an engine that was already there
#                                    (left alone, given Compose if it has none)
#   scripts/docker/engine.sh stop    stops the dockerd that `start` started, and nothing else
#   scripts/docker/engine.sh check   exit 0 when an engine answers
#
# Exit code 3 from `start` means the engine cannot run here, with the reason on stderr (not root,
# no apt-get, dockerd refused to start); the container tests then skip and say so.
set -euo pipefail

STATE_DIR=${CEXGW_DOCKERD_STATE_DIR:-/var/run/cexgw-dockerd}
PID_FILE=$STATE_DIR/dockerd.pid  # written by dockerd itself
LOG_FILE=${CEXGW_DOCKERD_LOG:-/var/log/cexgw-dockerd.log}

SCRIPT_NAME=engine
. "$(dirname "$0")/common.sh"
answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start() {
  if answers; then
    # Compose v2 (the docker CLI plugin) or v1 (Debian's docker-compose) beside a running engine.
    docker compose version >/dev/null 2>&1 || apt_install docker-compose=docker-compose
    echo running
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || cannot "no Docker engine answers, and dockerd needs root to start"
  apt_install dockerd=docker.io docker-compose=docker-compose
  mkdir -p "$STATE_DIR" "$(dirname "$LOG_FILE")"
  say "starting dockerd (log: $LOG_FILE)"
  # setsid: the engine outlives the shell that started it until `stop`, like a system service.
  setsid dockerd --pidfile "$PID_FILE" >>"$LOG_FILE" 2>&1 </dev/null &
  local launched=$!
  for _ in $(seq 1 120); do
    if answers; then
      echo started
      return 0
    fi
    if ! kill -0 "$launched" 2>/dev/null && ! ours; then
      cannot "dockerd exited at start; the end of its log:
$(tail -n 15 "$LOG_FILE")"
    fi
    sleep 0.5
  done
  stop
  cannot "dockerd did not answer within 60 s; the end of its log:
$(tail -n 15 "$LOG_FILE")"
}

# The dockerd that `start` started, still running (its own pid file, naming a dockerd).
ours() {
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]
}

stop() {
  if ! ours; then
    say "no dockerd started by this script is running"
    return 0
  fi
  local pid
  pid=$(cat "$PID_FILE")
  say "stopping dockerd ($pid)"
  kill -TERM "$pid"
  # dockerd stops its containers (10 s grace each) and its own containerd before it exits.
  for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  say "dockerd ($pid) still running after 120 s; killing it"
  kill -KILL "$pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  check) answers ;;
  *) echo "usage: $0 start|stop|check" >&2; exit 2 ;;
esac
