#!/usr/bin/env bash
# One nightly shard: the guests of shard I of N of kernel x reproducer x filesystem for the given
# kernels, each with its own report directory, ready for `krepro merge-reports`.
#
#   ci/nightly-shard.sh KERNELS I N [krepro matrix options...]
#   e.g. ci/nightly-shard.sh debian:6.12.115+deb12-cloud-amd64 2 4 --duration 60s
#
# Reports go to $REPORTS (default reports)/<kernels tag>/shard-I/job-J/<release>/. Exit status: 0 when
# every guest ran (findings are results, not CI failures: the JUnit shows them), else the worst of
# krepro's other exit codes (2 usage, 3 environment, 4 internal error).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
krepro=${KREPRO:-$root/krepro}
if [ $# -lt 3 ]; then
  echo "usage: $0 KERNELS I N [krepro matrix options...]" >&2
  exit 2
fi
kernels=$1 shard=$2 count=$3
shift 3
reports=${REPORTS:-reports}
tag=$(printf '%s' "$kernels" | tr -c 'A-Za-z0-9._+-' '_')
plan=$(mktemp)
trap 'rm -f "$plan"' EXIT
"$krepro" shard-plan --shard "$shard/$count" --kernels "$kernels" >"$plan"
echo "nightly shard $shard/$count of $kernels: $(wc -l <"$plan") guest(s)"
worst=0 j=0
while read -r -a job; do
  [ ${#job[@]} -gt 0 ] || continue
  j=$((j + 1))
  dir="$reports/$tag/shard-$shard/job-$j"
  echo "::group::job $j: krepro matrix ${job[*]} --report-dir $dir"
  set +e
  "$krepro" matrix "${job[@]}" --report-dir "$dir" "$@" </dev/null
  rc=$?
  set -e
  echo "::endgroup::"
  echo "job $j: exit $rc"
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && [ "$rc" -gt "$worst" ]; then
    worst=$rc
  fi
done <"$plan"
exit "$worst"
