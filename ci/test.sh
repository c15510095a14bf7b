#!/usr/bin/env bash
# The test command (README, .ci/run): installs what is missing, then builds and runs every test.
# Tests run against the real kernel: loop devices, mkfs/fsck, /dev/kmsg, io_uring, QEMU guests.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
# shellcheck source=lib.sh
. "$root/ci/lib.sh"
export PATH="$PATH:/usr/sbin:/sbin"
krepro_install_deps || exit 3
krepro_select_jdk || exit 3
echo "krepro tests: JAVA_HOME=$JAVA_HOME, kernel $(uname -r)"
cd "$root"
exec mvn -B -ntp verify "$@"
