#!/bin/sh
# krepro guest /init (busybox sh). Mounts the pseudo filesystems, applies the panic settings, loads the
# kernel modules in dependency order, maps the test disks by serial, runs krepro (output on ttyS1, the
# kernel console alone on ttyS0), writes the results as a tar stream onto the results disk and powers off.
# Parameters come from /krepro/run.env (per-run initramfs layer); java and krepro.jar from the java disk.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:/opt/jre/bin
export HOME=/root LANG=C.UTF-8 TERM=dumb
mkdir -p /proc /sys /dev /tmp /run /root /mnt /results
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /results
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
. /krepro/run.env

OUT=/dev/ttyS1
[ -c "$OUT" ] || OUT=/dev/console
say() { echo "krepro-init: $* (uptime $(cut -d' ' -f1 /proc/uptime))" > "$OUT"; }
say "up, kernel $(uname -r)"

sysctl -q -w kernel.panic_on_oops="${PANIC_ON_OOPS:-1}" >/dev/null 2>&1
sysctl -q -w kernel.panic_on_warn="${PANIC_ON_WARN:-0}" >/dev/null 2>&1
sysctl -q -w kernel.sysrq=1 >/dev/null 2>&1
[ -n "$HUNG_TASK_SECS" ] && sysctl -q -w kernel.hung_task_timeout_secs="$HUNG_TASK_SECS" >/dev/null 2>&1
[ -n "$PANIC_ON_HUNG" ] && sysctl -q -w kernel.hung_task_panic="$PANIC_ON_HUNG" >/dev/null 2>&1

# >>> module_params (unit-tested on its own)
# The "<module>.<param>=<value>" tokens of the kernel command line for module $1, as insmod arguments:
# the kernel applies them to built-in code only, and busybox insmod does not read /proc/cmdline.
# Module names match with dashes and underscores alike, as the kernel's do.
module_params() {
  set -f
  for tok in $(cat "${CMDLINE_FILE:-/proc/cmdline}"); do
    mod=${tok%%.*}
    case "$tok" in *.*) ;; *) continue ;; esac
    case "$mod" in *=*|"") continue ;; esac
    [ "$(echo "$mod" | tr - _)" = "$(echo "$1" | tr - _)" ] && echo "${tok#*.}"
  done
  set +f
}
# <<< module_params

if [ -s /krepro/modules.list ]; then
  while read -r m; do
    [ -n "$m" ] || continue
    name=${m##*/}
    # only the modules this run's filesystems need, when run.env names them
    if [ -n "$MODULE_NAMES" ]; then
      case " $MODULE_NAMES " in *" $(echo "${name%%.ko*}" | tr - _) "*) ;; *) continue ;; esac
    fi
    params=$(module_params "${name%%.ko*}")
    [ -n "$params" ] && say "insmod ${name%%.ko*} with" $params
    # shellcheck disable=SC2086
    err=$(insmod "/lib/modules/$(uname -r)/$m" $params 2>&1) || case "$err" in
      *exists*) ;;
      *) say "insmod $m failed: $err" ;;
    esac
  done < /krepro/modules.list
  say "modules loaded"
fi

# Map disk serials to device nodes (NVMe: controller serial; virtio-blk: /sys/block/vdX/serial).
serial_dev() {
  for b in /sys/block/*; do
    s=$(cat "$b/serial" 2>/dev/null || cat "$b/device/serial" 2>/dev/null)
    s=$(echo $s)
    [ "$s" = "$1" ] && { echo "/dev/${b##*/}"; return 0; }
  done
  return 1
}
find_dev() {
  i=0
  while [ $i -lt 200 ]; do
    d=$(serial_dev "$1") && { echo "$d"; return 0; }
    sleep 0.05; i=$((i + 1))
  done
  return 1
}
DEVICES=""
for s in $DISK_SERIALS; do
  d=$(find_dev "$s") || { say "disk $s not found"; continue; }
  DEVICES="${DEVICES:+$DEVICES,}$d"
done
# The JDK runtime, krepro.jar and its AOT cache come on a read-only ext4 disk, read as the JVM touches
# them: inside the initramfs they held the kernel's boot up while it unpacked them (0.7-1.4 s under TCG).
mount_java_disk() {
  d=$(find_dev "$JAVA_DISK") || { say "java disk $JAVA_DISK not found"; return 1; }
  mkdir -p /opt/krepro
  mount -t ext4 -o ro "$d" /opt/krepro || { say "java disk $d not mounted"; return 1; }
  ln -s /opt/krepro/jre /opt/jre
  for f in krepro.jar krepro.aot; do
    [ -e "/opt/krepro/$f" ] && ln -s "/opt/krepro/$f" "/krepro/$f"
  done
  # read ahead what the JVM maps first: page by page from the disk its start took 0.3-1 s longer
  cat /opt/krepro/krepro.aot /opt/krepro/jre/lib/server/libjvm.so /opt/krepro/jre/lib/modules > /dev/null 2>&1 &
  return 0
}
[ -n "$JAVA_DISK" ] && mount_java_disk
RESULTS_DEV=""
[ -n "$RESULTS_SERIAL" ] && RESULTS_DEV=$(find_dev "$RESULTS_SERIAL")
# The results disk carries an ext4 made on the host: mounted sync, everything the runner writes (it
# rewrites results.json and JUnit after every test) is on the host's image at once, so a guest that
# crashes midway still returns the tests it finished. Without it: tmpfs and a tar stream at the end.
RESULTS_FS=""
if [ -n "$RESULTS_DEV" ] && mount -t ext4 -o sync,dirsync "$RESULTS_DEV" /results 2>/dev/null; then
  RESULTS_FS=1
fi
say "disks ${DEVICES:-none}, results ${RESULTS_DEV:-none}${RESULTS_FS:+ (ext4, sync)}"

# Written beside krepro's start, not before it: its dozen commands cost about 0.3 s under TCG.
guest_info() {
{
  echo "release=$(uname -r)"
  echo "version=$(uname -v)"
  echo "machine=$(uname -m)"
  echo "cpus=$(nproc)"
  echo "memory_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
  echo "numa_nodes=$(ls -d /sys/devices/system/node/node* 2>/dev/null | sed 's,.*/,,' | tr '\n' ' ')"
  for n in /sys/devices/system/node/node*; do
    [ -d "$n" ] && echo "${n##*/}=cpus:$(cat $n/cpulist) mem_kb:$(awk '/MemTotal/ {print $4}' $n/meminfo)"
  done
  echo "cmdline=$(cat /proc/cmdline)"
  echo "devices=$DEVICES"
} > /tmp/guest-info.properties
# The same facts on ttyS1, so the host has them even when the guest dies before writing its results.
sed 's/^/krepro-info: /' /tmp/guest-info.properties > "$OUT"
cp /tmp/guest-info.properties /results/guest-info.properties
}
guest_info &
INFO_PID=$!

rc=0
case "$MODE" in
  probe)
    say "KREPRO-PROBE-OK"
    ;;
  shell)
    # Debugging and controls: a shell command instead of krepro (@DEVICES@ replaced as for krepro).
    CMD=$(echo "$KREPRO_ARGS" | sed "s#@DEVICES@#$DEVICES#g; s#@REPORTS@#/results/reports#g")
    export JAVA_OPTS # a command that starts krepro itself starts it as the guest does: java $JAVA_OPTS -jar
    say "exec sh -c $CMD"
    ( sh -c "$CMD"; echo $? > /results/exit-code ) 2>&1 | tee /results/output.log > "$OUT"
    rc=$(cat /results/exit-code 2>/dev/null || echo 4)
    ;;
  *)
    mkdir -p /results/reports
    # The JVM's start is the slowest part of a guest under TCG: start from the AOT cache of this jar when
    # the host has one, else record one for the next guest (the JVM writes it as it exits).
    if [ -f /krepro/krepro.aot ]; then
      JAVA_OPTS="$JAVA_OPTS -XX:AOTCache=/krepro/krepro.aot -Xlog:aot*=error,cds*=error"
    elif [ -n "$AOT_TRAIN" ]; then
      JAVA_OPTS="$JAVA_OPTS -XX:AOTCacheOutput=/results/krepro.aot -Xlog:aot*=error,cds*=error"
    fi
    ARGS=$(echo "$KREPRO_ARGS" | sed "s#@DEVICES@#$DEVICES#g; s#@REPORTS@#/results/reports#g")
    say "exec java $JAVA_OPTS -jar /krepro/krepro.jar $ARGS"
    # shellcheck disable=SC2086
    eval "set -- $ARGS"
    ( java $JAVA_OPTS -jar /krepro/krepro.jar "$@"; echo $? > /results/exit-code ) 2>&1 | tee /results/output.log > "$OUT"
    rc=$(cat /results/exit-code 2>/dev/null || echo 4)
    say "krepro exited $rc"
    ;;
esac
wait "$INFO_PID"
echo "$rc" > /results/exit-code
if [ -n "$RESULTS_FS" ]; then
  echo "krepro-results-v1" > /results/MAGIC
  sync
  umount /results && say "results on $RESULTS_DEV"
elif [ -n "$RESULTS_DEV" ]; then
  echo "krepro-results-v1" > /results/MAGIC
  tar -cf "$RESULTS_DEV" -C /results . && sync
  say "results written to $RESULTS_DEV"
fi
say "KREPRO-DONE rc=$rc"
sync
poweroff -f
sleep 5
echo o > /proc/sysrq-trigger
