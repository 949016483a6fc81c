#!/usr/bin/env bash
# Builds Syncline and runs every test: unit, integration against a real PostgreSQL that the
# tests start themselves, and the workbench UI tests under a virtual display when there is
# no display. Extra arguments go to Maven (e.g. -o for offline).
set -euo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/env.sh

syncline_find_jdk
syncline_need_packages xvfb xauth libgtk-3-0 postgresql rsync acl attr exfatprogs exfat-fuse ntfs-3g
echo "Using JAVA_HOME=$JAVA_HOME ($(syncline_java_version "$JAVA_HOME/bin/java"))"

maven=(./mvnw -B -ntp clean verify "$@")
if [ -n "${DISPLAY:-}" ]; then
  "${maven[@]}"
else
  xvfb-run -a -s "-screen 0 1280x1024x24" "${maven[@]}"
fi
