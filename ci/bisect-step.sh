#!/usr/bin/env bash
# One `git bisect run` step: krepro bisect-run with the given arguments, run from the kernel tree.
#
#   git bisect run /path/to/krepro/ci/bisect-step.sh --reproducer ID --kernel-tree . [options]
#
# krepro bisect-run itself exits 0 (good), 1 (bad) or 125 (skip) for everything that happens after its
# arguments are parsed. This wrapper covers the rest: the launcher failing before Java starts (exit 3:
# environment, 4: jar build), a picocli usage error (2), the JVM killed by a signal (>= 128). All of
# those become 125 so that git bisect skips the commit instead of marking it bad or aborting.
set -u
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
krepro=${KREPRO:-$root/krepro}
"$krepro" bisect-run "$@"
rc=$?
case $rc in
  0 | 1 | 125) exit "$rc" ;;
  *)
    echo "bisect-step: krepro bisect-run exited $rc: cannot test this commit, skip (125)" >&2
    exit 125
    ;;
esac
