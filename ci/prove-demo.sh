#!/usr/bin/env bash
# Proves the seeds' reproducers from a fresh Debian 12 machine (issue 11, "krepro prove").
#
# 1. Builds the knock-out kernels: Debian's 6.12.118 cloud kernel with one module rebuilt from
#    Debian's linux-source-6.12 with the seed's fix undone (003: xfs.ko, 004: btrfs.ko; minutes each).
#    WHOLE=1 also builds the whole-kernel knock-outs (001: mm/vmscan.c; ~20 min each on 2 CPUs).
# 2. Runs `krepro prove` over SEEDS: each reproducer RUNS times in QEMU guests on the kernel with the
#    bug and RUNS times on the same kernel with the fix (pairs: prove/src/main/resources/org/krepro/
#    prove/proofs.tsv), and prints the table: failures with a 95% interval, median seconds to the
#    first finding, titles, race-path coverage, PROVEN / REPRODUCES / NOT_PROVEN and what is missing.
#
# Run as root on Debian 12:  ci/prove-demo.sh   (RUNS=5 SEEDS=000,001,002,003,004 OUT=... WHOLE=0)
# Kernel builds stay out of .ci/run; this script and ci/prove-demo-transcript.txt show them.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
# shellcheck source=lib.sh
. "$root/ci/lib.sh"
export PATH="$PATH:/usr/sbin:/sbin"
krepro_install_deps || exit 3
krepro_select_jdk || exit 3

RUNS=${RUNS:-5}
SEEDS=${SEEDS:-000,001,002,003,004}
OUT=${OUT:-/var/tmp/krepro-prove}
WHOLE=${WHOLE:-0}
krepro="${KREPRO:-$root/krepro}"

say() { printf '\n=== %s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

say "1. knock-out kernels"
for ko in 003 004; do
  t0=$(date +%s)
  "$krepro" kernels build --knockout "$ko"
  echo "knockout $ko: $(( $(date +%s) - t0 )) s"
done
if [ "$WHOLE" = 1 ]; then
  for ko in 001 000; do
    t0=$(date +%s)
    "$krepro" kernels build --knockout "$ko" || echo "knockout $ko: build failed"
    echo "knockout $ko: $(( $(date +%s) - t0 )) s"
  done
fi
"$krepro" kernels --no-apt

say "2. krepro prove -r $SEEDS --runs $RUNS"
mkdir -p "$OUT"
t0=$(date +%s)
rc=0
"$krepro" prove -r "$SEEDS" --runs "$RUNS" --report-dir "$OUT/reports" --work-dir "$OUT/work" || rc=$?
say "prove took $(( $(date +%s) - t0 )) s, exit $rc; the table is in $OUT/reports/prove.txt"
exit "$rc"
