#!/bin/sh
# krepro container entry (busybox sh), PID 1 of a `krepro container` run: the same rootfs as a QEMU
# guest, on the host's kernel. Docker mounts /proc/sys read-only; the runner drops caches through it, so
# it is made writable (CAP_SYS_ADMIN is granted anyway). debugfs is mounted so that WARN_ONCE sites can be
# re-armed per test as on the host. Then krepro runs with the arguments the host gave.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:/opt/jre/bin
export HOME=/root LANG=C.UTF-8 TERM=dumb
say() { echo "krepro-container: $*" >&2; }
mount -o remount,bind,rw /proc/sys 2>/dev/null || mount -o remount,rw /proc/sys 2>/dev/null \
  || say "/proc/sys stays read-only: dropping caches will fail"
if [ -d /sys/kernel/debug ] && ! [ -e /sys/kernel/debug/clear_warn_once ]; then
  mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null || say "no debugfs: WARN_ONCE sites are not re-armed"
fi
mkdir -p /results /var/tmp /tmp
say "kernel $(uname -r), devices: $KREPRO_DEVICES"
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar /krepro/krepro.jar "$@"
