# Shared by ./krepro and ci/test.sh: JDK selection and host dependency installation.
# shellcheck shell=bash

KREPRO_APT_PACKAGES="maven gcc libc6-dev e2fsprogs xfsprogs btrfs-progs util-linux kmod libxml2-utils \
qemu-system-x86 busybox-static cpio xz-utils zstd fio liburing-dev numactl docker.io \
python3 python3-junitparser python3-jsonschema"
# Commands whose absence means the packages above are not installed yet.
KREPRO_REQUIRED_COMMANDS="mvn gcc mkfs.ext4 e2fsck debugfs mkfs.xfs xfs_repair mkfs.btrfs btrfs losetup xmllint \
qemu-system-x86_64 cpio xz zstd fio dockerd"

# Prints the java home of the first JDK with a release >= $1 (JAVA_HOME first, then /usr/lib/jvm).
krepro_find_jdk() {
  local want=$1 cand v
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$cand" ] && [ -x "$cand/bin/javac" ] || continue
    v=$("$cand/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
    v=${v%%.*}
    if [ -n "$v" ] && [ "$v" -ge "$want" ] 2>/dev/null; then
      echo "$cand"
      return 0
    fi
  done
  return 1
}

# Installs the Debian packages krepro needs when a required command is missing.
krepro_install_deps() {
  local missing="" c
  for c in $KREPRO_REQUIRED_COMMANDS; do
    command -v "$c" >/dev/null 2>&1 || PATH="$PATH:/sbin:/usr/sbin" command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
  done
  # the tests' second opinions on JUnit and KCIDB files are Debian's Python libraries (/usr/bin/python3)
  /usr/bin/python3 -c 'import junitparser, jsonschema' >/dev/null 2>&1 || missing="$missing python3-junitparser/python3-jsonschema"
  [ -z "$missing" ] && return 0
  echo "krepro: missing:$missing; installing Debian packages" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "krepro: cannot install packages: not root (run as root, or install: $KREPRO_APT_PACKAGES)" >&2
    return 3
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "krepro: cannot install packages: no apt-get on this machine (install: $KREPRO_APT_PACKAGES)" >&2
    return 3
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || { echo "krepro: apt-get update failed" >&2; return 3; }
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $KREPRO_APT_PACKAGES >&2 \
    || { echo "krepro: apt-get install failed" >&2; return 3; }
}

krepro_select_jdk() {
  local home
  if ! home=$(krepro_find_jdk 25); then
    echo "krepro: no JDK >= 25 found (looked at JAVA_HOME and /usr/lib/jvm); install Temurin 25" >&2
    return 3
  fi
  export JAVA_HOME=$home
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Maven 3.8's bundled Guava touches sun.misc.Unsafe; JDK 25 warns about it on every build.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
