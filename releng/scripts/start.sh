#!/usr/bin/env bash
# Builds Syncline (tests skipped: releng/scripts/test.sh runs them) and starts it on the
# embedded default database: an engine, a local agent serving one folder, and the workbench
# when a display is available. Ctrl-C stops everything.
#
# Environment:
#   SYNCLINE_DEV_HOME  where the running system keeps its data, logs and the agent's demo
#                      root (default: ~/.syncline/dev)
#   ENGINE_PORT, AGENT_PORT  ports (defaults 9032 and 9033)
#   SYNCLINE_NO_BUILD=1      start what the last build produced
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
. releng/scripts/env.sh
syncline_find_jdk

if [ "${SYNCLINE_NO_BUILD:-}" != 1 ]; then
  echo "Building Syncline (tests skipped) ..."
  ./mvnw -B -ntp -q -DskipTests clean verify
fi

dist=$(ls -d server/distribution/target/syncline-*/ 2>/dev/null | head -n 1)
workbench=$(ls -d product/target/products/org.syncline.workbench/linux/gtk/x86_64/syncline-workbench 2>/dev/null || true)
[ -n "$dist" ] || { echo "No server distribution under server/distribution/target: the build did not finish." >&2; exit 1; }
dist=${dist%/}

home=${SYNCLINE_DEV_HOME:-$HOME/.syncline/dev}
engine_port=${ENGINE_PORT:-9032}
agent_port=${AGENT_PORT:-9033}
mkdir -p "$home/conf" "$home/logs" "$home/data" "$home/roots/local"
cp -n "$dist/conf/"* "$home/conf/" 2>/dev/null || true
export SYNCLINE_HOME=$home

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo "Stopping Syncline ..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all INT TERM EXIT

"$dist/bin/syncline" engine --port "$engine_port" > "$home/logs/engine.out" 2>&1 &
pids+=($!)
"$dist/bin/syncline" agent --port "$agent_port" --name "$(hostname)" --root "local=$home/roots/local" > "$home/logs/agent.out" 2>&1 &
pids+=($!)

wait_for() { # what, command...
  local what=$1; shift
  for _ in $(seq 1 120); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$what did not come up; see $home/logs." >&2
  return 1
}
wait_for "The engine" curl -fsS "http://127.0.0.1:$engine_port/api/v1/health"
wait_for "The agent" "$dist/bin/syncline" agent-hello "127.0.0.1:$agent_port"

echo "Engine: http://127.0.0.1:$engine_port/api/v1/health -> $(curl -fsS "http://127.0.0.1:$engine_port/api/v1/health")"
echo "Agent:  127.0.0.1:$agent_port -> $("$dist/bin/syncline" agent-hello "127.0.0.1:$agent_port")"
echo "Data, logs and configuration: $home"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -n "$workbench" ]; then
  echo "Starting the workbench ..."
  "$workbench/syncline-workbench" > "$home/logs/workbench.out" 2>&1 &
  pids+=($!)
else
  echo "No display: the workbench was not started. Where a display exists, run $repo/$workbench/syncline-workbench"
fi
echo "Running. Press Ctrl-C to stop."
wait -n "${pids[@]}" || true
