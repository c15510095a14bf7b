#!/usr/bin/env bash
# End-to-end `git bisect run` with krepro on a real kernel history (issue 6, "Show").
#
# 1. Makes a git repository from Debian's linux-source-6.1 tarball and adds five commits on top; the
#    third ("ext4: sanity-check the range in ext4_fiemap") adds WARN_ON_ONCE(len) to ext4_fiemap(),
#    a path control-clean drives on every run (it records where each file lies with FS_IOC_FIEMAP).
# 2. Calibrates the reproducer on the bad end (HEAD): CALIBRATE runs, no early stop; p's 95%
#    Clopper-Pearson lower end decides how many clean runs a good commit needs ((1-p)^n <= 0.05).
# 3. Runs `git bisect run ci/bisect-step.sh ...` between the tarball's commit (good) and HEAD (bad):
#    each step builds the kernel out of tree (defconfig + krepro's fragment, incremental after the
#    first step, ccache when installed), boots it in a QEMU guest and runs control-clean on ext4 until
#    the statistics decide; a "WARNING in ext4_fiemap" is the bug (--bad-title), anything else skips.
# 4. Checks that git names the regression commit, and prints the transcript, every step's build and
#    run times and its number of runs (from the state file $GIT_DIR/krepro-bisect.json).
# 5. (PREBUILT=1, the default) Builds one bzImage per commit (6 kernels, incremental) and runs
#    `krepro bisect --kernels K1,...,K6` over them: it must name the regression commit's kernel.
#
# Cost: the first build is a full defconfig+fragment kernel (about an hour on 2 CPUs; minutes on 16),
# later steps rebuild what changed (ext4 + link). Each guest run is one boot (about 1-2 min under TCG,
# seconds with KVM). With CALIBRATE=5 (5/5 -> p >= 0.478 -> 5 clean runs per good commit) the demo
# needs 1 build + 5 runs to calibrate, then about 3 steps of 1 (bad) or 5 (good) runs.
#
# Run as root on Debian 12:  ci/bisect-demo.sh        (environment variables below change the knobs)
# It re-uses $WORK between runs (the repository, the build directory, the downloaded package).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
step="$root/ci/bisect-step.sh"

WORK=${WORK:-/var/tmp/krepro-bisect-demo}
REPRODUCER=${REPRODUCER:-control-clean}
FS=${FS:-ext4}
TITLE=${TITLE:-WARNING in ext4_fiemap}
CALIBRATE=${CALIBRATE:-5}
DURATION=${DURATION:-10s}
JOBS=${JOBS:-$(nproc)}
ACCEL=${ACCEL:-auto}
MEMORY=${MEMORY:-2048}
FRAGMENT=${FRAGMENT-$root/ci/bisect-demo-trim.config}
PREBUILT=${PREBUILT:-1}   # 5. also bisect the same commits as prebuilt kernels (krepro bisect --kernels)

mkdir -p "$WORK"
say() { printf '%s bisect-demo: %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$WORK/demo.log" >&2; }

# --- 0. Host packages -------------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
  echo "bisect-demo: run as root (apt-get, loop devices, QEMU)" >&2
  exit 3
fi
need="linux-source-6.1 build-essential flex bison bc libelf-dev libssl-dev cpio kmod git python3 ccache"
[ -z "${TARBALL:-}" ] || need="git python3" # a given tarball (tests of this script) needs no kernel toolchain
missing=""
for p in $need; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  say "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
fi
tarball=${TARBALL:-$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n1)}
[ -n "$tarball" ] || { echo "bisect-demo: no /usr/src/linux-source-6.1.tar.* after installing linux-source-6.1" >&2; exit 3; }

# --- 1. The repository ------------------------------------------------------------------------
src="$WORK/linux"
if [ ! -f "$src/.git/krepro-demo-complete" ]; then
  say "unpacking $tarball into $src"
  rm -rf "$src"
  mkdir -p "$src"
  tar -xf "$tarball" -C "$src" --strip-components=1
  cd "$src"
  # Debian's tarball carries a .gitignore that ignores everything at the top level ("/*", "!/debian/")
  # because Debian keeps the source outside git; drop those two rules so the tree can be committed.
  [ ! -f .gitignore ] || sed -i -e '/^\/\*$/d' -e '/^!\/debian\/$/d' .gitignore
  git init -q
  git config user.name "krepro demo"
  git config user.email "krepro-demo@localhost"
  git config gc.auto 0
  git add -A
  git commit -q -m "Linux $(make -s kernelversion) from $(basename "$tarball") $(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || true)"
  git tag demo-good

  # c1: documentation only
  printf 'krepro bisect demo\n==================\n\nThis tree is a test fixture for krepro bisect-run.\n' \
    >Documentation/krepro-demo.rst
  git add Documentation/krepro-demo.rst
  git commit -q -m "Documentation: describe the krepro bisect demo tree"

  # c2: an unrelated ext4 change (a comment), so that the history touches the same file twice
  grep -q '^int ext4_fiemap(' fs/ext4/extents.c || { echo "bisect-demo: no ext4_fiemap() in fs/ext4/extents.c" >&2; exit 4; }
  awk '/^int ext4_fiemap\(/ && !done { print "/* ext4_fiemap - report the extents of an inode to FS_IOC_FIEMAP */"; done = 1 } { print }' \
    fs/ext4/extents.c >fs/ext4/extents.c.new && mv fs/ext4/extents.c.new fs/ext4/extents.c
  git commit -q -am "ext4: document ext4_fiemap"

  # c3: THE REGRESSION: a warning on every FIEMAP of a non-empty range
  awk '
    /^int ext4_fiemap\(/ { infn = 1 }
    { print }
    infn && /^\tint error = 0;$/ {
      print ""
      print "\t/* Sanity check: nobody should map a range here (it is a demo regression). */"
      print "\tWARN_ON_ONCE(len);"
      infn = 0; done = 1
    }
    END { if (!done) exit 3 }
  ' fs/ext4/extents.c >fs/ext4/extents.c.new || { echo "bisect-demo: cannot place the WARN_ON_ONCE in ext4_fiemap" >&2; exit 4; }
  mv fs/ext4/extents.c.new fs/ext4/extents.c
  grep -q 'WARN_ON_ONCE(len);' fs/ext4/extents.c
  git commit -q -am "ext4: sanity-check the range in ext4_fiemap"
  git tag demo-regression

  # c4: an unrelated xfs comment
  printf '/* krepro demo: nothing to see here */\n' >>fs/xfs/xfs_iomap.c
  git commit -q -am "xfs: trailing comment in xfs_iomap.c"

  # c5: documentation again
  printf '\nThe regression is the WARN_ON_ONCE in ext4_fiemap.\n' >>Documentation/krepro-demo.rst
  git commit -q -am "Documentation: krepro demo: say where the regression is"
  git tag demo-bad
  touch .git/krepro-demo-complete
fi
cd "$src"
git bisect reset >/dev/null 2>&1 || true
git checkout -q demo-bad
rm -f .git/krepro-bisect.json
say "history:"
git log --oneline demo-bad | tee -a "$WORK/demo.log" >&2

common=(--reproducer "$REPRODUCER" --fs "$FS" --bad-title "$TITLE" --duration "$DURATION"
  --kernel-tree "$src" --build-dir "$WORK/build" --jobs "$JOBS" --accel "$ACCEL" --memory "$MEMORY"
  --report-dir "$WORK/reports" --work-dir "$WORK/krepro-work" --state "$src/.git/krepro-bisect.json")
[ -z "$FRAGMENT" ] || common+=(--config-fragment "$FRAGMENT")

# --- 2. Calibration on the bad end --------------------------------------------------------------
say "calibrating on demo-bad: $CALIBRATE runs"
set +e
"$step" "${common[@]}" --calibrate "$CALIBRATE" 2>&1 | tee "$WORK/calibration.log"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 1 ]; then
  say "calibration did not reproduce the bug on demo-bad (exit $rc): see $WORK/calibration.log"
  exit 1
fi

# --- 3. git bisect run ---------------------------------------------------------------------------
"$step" "${common[@]}" --check # the plan each step follows, from the calibration just made
say "git bisect start demo-bad demo-good; git bisect run $step ..."
git bisect start demo-bad demo-good >/dev/null
t0=$(date +%s)
set +e
git bisect run "$step" "${common[@]}" 2>&1 | tee "$WORK/bisect-run.log"
set -e
t1=$(date +%s)
git bisect log >"$WORK/bisect.log"
first=$(git rev-parse -q --verify refs/bisect/bad || true)
git bisect reset >/dev/null 2>&1 || true
expected=$(git rev-parse demo-regression)

# --- 4. Summary -----------------------------------------------------------------------------------
echo >&2 # git bisect run's last line has no newline
python3 - "$src/.git/krepro-bisect.json" <<'PY' | tee "$WORK/summary.txt" >&2
import json, sys
s = json.load(open(sys.argv[1]))
print(f"calibration: {s['calibrationFailures']}/{s['calibrationRuns']} on {s['calibrationKernel']}")
print(f"{'commit':<60} {'verdict':<7} {'runs':>4} {'fail':>4} {'err':>3} {'build s':>8} {'runs s':>8}")
for st in s["steps"]:
    print(f"{st['commit'][:60]:<60} {st['verdict']:<7} {st['runs']:>4} {st['failures']:>4} {st['errors']:>3}"
          f" {st['buildSeconds']:>8.0f} {st['seconds']:>8.0f}")
good = [st for st in s["steps"] if st["verdict"] == "GOOD"]
print(f"P(wrong answer) <= {sum(st['miss'] for st in good):.4f} (sum of (1-p)^n over {len(good)} good steps)")
PY
say "bisect took $((t1 - t0)) s; transcript $WORK/bisect-run.log, log $WORK/bisect.log, reports $WORK/reports"
if [ "$first" != "$expected" ]; then
  say "FAIL: git bisect named ${first:-nothing}, the regression is $(git log -1 --format='%h %s' "$expected")"
  exit 1
fi
say "PASS: git bisect named the regression: $(git log -1 --format='%h %s' "$first")"
[ "$PREBUILT" = 1 ] || exit 0

# --- 5. The same history as prebuilt kernels: krepro bisect --kernels ----------------------------
# One bzImage per commit, oldest first (the build directory and its .config are the bisect's; every
# filesystem krepro needs is built in, so the bzImage alone is the kernel), then a binary search over
# the list with its own calibration on the newest kernel.
kernels=()
i=0
for c in $(git rev-parse demo-good) $(git rev-list --reverse demo-bad ^demo-good); do
  i=$((i + 1))
  git checkout -q "$c"
  dir="$WORK/kernels/$i-$(git rev-parse --short=12 "$c")"
  if [ ! -f "$dir/bzImage" ]; then
    b0=$(date +%s)
    make -s -C "$src" O="$WORK/build" CC="ccache gcc" olddefconfig >/dev/null
    make -s -C "$src" O="$WORK/build" CC="ccache gcc" -j"$JOBS" bzImage >"$WORK/prebuilt-build.log" 2>&1 \
      || { say "FAIL: building $c for the prebuilt bisect: see $WORK/prebuilt-build.log"; exit 1; }
    mkdir -p "$dir"
    cp "$WORK/build/arch/x86/boot/bzImage" "$dir/bzImage"
    say "prebuilt kernel $i: $(git log -1 --format='%h %s' "$c") built in $(( $(date +%s) - b0 )) s"
  fi
  kernels+=("$dir/bzImage")
  [ "$c" != "$expected" ] || regression_kernel="$dir/bzImage"
done
git checkout -q demo-bad
list=$(IFS=,; echo "${kernels[*]}")
say "krepro bisect --kernels (${#kernels[@]} prebuilt kernels) --calibrate $CALIBRATE ..."
rm -rf "$WORK/prebuilt-reports"
t0=$(date +%s)
set +e
"${KREPRO:-$root/krepro}" bisect --kernels "$list" --reproducer "$REPRODUCER" --fs "$FS" --bad-title "$TITLE" --duration "$DURATION" \
  --calibrate "$CALIBRATE" --accel "$ACCEL" --memory "$MEMORY" --report-dir "$WORK/prebuilt-reports" \
  --work-dir "$WORK/krepro-work" 2>&1 | tee "$WORK/prebuilt-bisect.log"
rc=${PIPESTATUS[0]}
set -e
answer=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["answer"] or "")' "$WORK/prebuilt-reports/bisect.json" 2>/dev/null || true)
say "krepro bisect exited $rc after $(( $(date +%s) - t0 )) s; answer ${answer:-none}"
if [ "$rc" -eq 0 ] && [ "$answer" = "$regression_kernel" ]; then
  say "PASS: krepro bisect named the regression's kernel: $answer"
  exit 0
fi
say "FAIL: krepro bisect answered ${answer:-nothing} (exit $rc), the regression's kernel is $regression_kernel"
exit 1
