#!/usr/bin/env bash
# Self-test of ci/bisect-demo.sh without building a kernel: a tiny fake "linux-source" tarball (a
# Makefile and the ext4_fiemap of 6.1 around the insertion point) and a fake krepro whose bisect-run
# is bad exactly when the tree carries the demo's WARN_ON_ONCE. Checks that the script makes the
# history, calibrates, runs git bisect and that git names the regression commit. Needs git, python3, xz.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
src="$t/linux-source-6.1"
mkdir -p "$src/fs/ext4" "$src/fs/xfs" "$src/Documentation"
# kernelversion for the first commit's subject; olddefconfig and a "bzImage" that says whether the
# tree carries the regression, for the prebuilt-kernel phase
cat >"$src/Makefile" <<'MK'
kernelversion:
	@echo 6.1.192
olddefconfig:
	@mkdir -p $(O)
bzImage:
	@mkdir -p $(O)/arch/x86/boot && if grep -q 'WARN_ON_ONCE(len);' fs/ext4/extents.c; then echo bad; else echo good; fi >$(O)/arch/x86/boot/bzImage
MK
cat >"$src/fs/ext4/extents.c" <<'C'
static int ext4_fiemap_check_ranges(struct inode *inode, u64 start, u64 *len)
{
	int error = 0;
	return error;
}

int ext4_fiemap(struct inode *inode, struct fiemap_extent_info *fieinfo,
		u64 start, u64 len)
{
	int error = 0;

	if (fieinfo->fi_flags & FIEMAP_FLAG_CACHE) {
		error = ext4_ext_precache(inode);
		if (error)
			return error;
		fieinfo->fi_flags &= ~FIEMAP_FLAG_CACHE;
	}
	return error;
}
C
echo '/* xfs */' >"$src/fs/xfs/xfs_iomap.c"
# Debian's tarball ignores everything at the top level; the demo must still commit the tree.
printf '*.o\n#\n# Debian packaging\n#\n/*\n!/debian/\n' >"$src/.gitignore"
tar -C "$t" -cJf "$t/linux-source-6.1.tar.xz" linux-source-6.1
cat >"$t/krepro" <<'SH'
#!/usr/bin/env bash
if [ "$1" = bisect ]; then
  # prebuilt kernels: the first "bad" one of --kernels, in --report-dir/bisect.json as the real one writes it
  shift
  kernels="" reports=""
  while [ $# -gt 0 ]; do
    case "$1" in --kernels) kernels=$2; shift ;; --report-dir) reports=$2; shift ;; esac
    shift
  done
  answer=""
  IFS=, read -r -a ks <<<"$kernels"
  for k in "${ks[@]}"; do
    [ "$(cat "$k")" = bad ] && { answer=$k; break; }
  done
  mkdir -p "$reports"
  printf '{"status": "FOUND", "answer": "%s"}\n' "$answer" >"$reports/bisect.json"
  echo "krepro bisect: FOUND: first bad kernel $answer"
  exit 0
fi
[ "$1" = bisect-run ] || exit 2
shift
state="" tree="" check=0 cal=0
while [ $# -gt 0 ]; do
  case "$1" in --state) state=$2; shift ;; --kernel-tree) tree=$2; shift ;; --check) check=1 ;; --calibrate) cal=$2; shift ;; esac
  shift
done
# like the real one: --check says skip (125) until a calibration is in the state file
if [ "$check" = 1 ]; then
  grep -q '"calibrationRuns": [1-9]' "$state" 2>/dev/null && exit 0
  exit 125
fi
bad=0
grep -q 'WARN_ON_ONCE(len);' "$tree/fs/ext4/extents.c" && bad=1
python3 - "$state" "$(git -C "$tree" log -1 --format='%h %s')" "$bad" "$cal" <<'PY'
import json, os, sys
f, commit, bad, cal = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4])
s = json.load(open(f)) if os.path.exists(f) else {"reproducer": "control-clean", "calibrationKernel": "",
                                                   "calibrationRuns": 0, "calibrationFailures": 0, "steps": []}
if cal:
    s.update(calibrationRuns=s["calibrationRuns"] + cal, calibrationFailures=s["calibrationFailures"] + (cal if bad else 0),
             calibrationKernel=commit)
else:
    s["steps"].append({"commit": commit, "verdict": "BAD" if bad else "GOOD", "runs": 1 if bad else 5,
                       "failures": int(bad), "errors": 0, "miss": 0 if bad else 0.5 ** 5, "buildSeconds": 1, "seconds": 1})
json.dump(s, open(f, "w"))
PY
exit "$bad"
SH
chmod +x "$t/krepro"
WORK="$t/work" TARBALL="$t/linux-source-6.1.tar.xz" KREPRO="$t/krepro" "$root/ci/bisect-demo.sh" >"$t/out.txt" 2>&1 || {
  cat "$t/out.txt"
  echo "bisect-demo-selftest: FAIL" >&2
  exit 1
}
grep -q "PASS: git bisect named the regression: .* ext4: sanity-check the range in ext4_fiemap" "$t/out.txt" || {
  cat "$t/out.txt"
  exit 1
}
grep -q "PASS: krepro bisect named the regression's kernel: .*/4-[0-9a-f]*/bzImage" "$t/out.txt" || {
  cat "$t/out.txt"
  exit 1
}
[ "$(ls "$t/work/kernels" | wc -l)" = 6 ]
grep -q 'WARN_ON_ONCE(len);' "$t/work/linux/fs/ext4/extents.c"
echo "bisect-demo-selftest: PASS"
