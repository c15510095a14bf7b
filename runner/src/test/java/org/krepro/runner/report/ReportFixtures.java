package org.krepro.runner.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.krepro.runner.spi.Finding;

/** Runs with every verdict, as tests of the report formats read them back. */
public final class ReportFixtures {
    private ReportFixtures() {
    }

    public static HostInfo host(String release) {
        return new HostInfo("testhost", release, "#1 SMP PREEMPT_DYNAMIC Debian " + release, "x86_64", 2, 4L << 30,
                List.of(0, 1), "dev");
    }

    /** Four tests on two filesystems: PASS, FAIL (with evidence and coverage), ERROR, SKIPPED. */
    public static RunResults run(String release, Map<String, String> runProps) {
        Map<String, String> props = new TreeMap<>(runProps);
        props.putIfAbsent("run.id", "19a2b3c4d5e-4242");
        TestResult pass = new TestResult("control-clean", "ext4", "4k", Verdict.PASS, "", List.of(), 4.25,
                Map.of("seed", "7", "iterations", "1200", "coverage", "3/4 race-path functions hit",
                        "coverage.ext4_dirty_folio", "17"),
                List.of(), "", "e2fsck clean", Map.of());
        TestResult fail = new TestResult("ext4-jbd2-migration", "ext4", "2k", Verdict.FAIL, "",
                List.of(new Finding(Finding.Kind.KERNEL_FS, "EXT4-fs warning in ext4_evict_inode: data will be lost",
                        "EXT4-fs warning (device loop3): ext4_evict_inode:210: inode #12: comm umount: data will be lost"),
                        new Finding(Finding.Kind.DATA, "2 blocks differ", "block 7 of f1")),
                5.5, Map.of("seed", "7", "iterations", "88", "mkfs", "mkfs.ext4 -b 2048 /dev/loop3"), List.of("a note"),
                "[  12.0] EXT4-fs warning (device loop3): ext4_evict_inode:210: inode #12: comm umount: data will be lost\u0000",
                "e2fsck: clean", Map.of("kernel-log", "evidence/ext4/ext4-jbd2-migration[2k]/kernel-log.txt",
                "findings", "evidence/ext4/ext4-jbd2-migration[2k]/findings.txt"));
        TestResult error = new TestResult("btrfs-eb-read-race", "btrfs", "single", Verdict.ERROR,
                "IllegalStateException: reader failed", List.of(), 1.0, Map.of(), List.of(), "", "", Map.of());
        TestResult skipped = new TestResult("ext4-inline-data-mkwrite", "ext4", "inline", Verdict.SKIPPED,
                "may crash the running kernel", List.of(), 0.0, Map.of(), List.of(), "", "", Map.of());
        return new RunResults(host(release), "2026-12-02T23:30:00", new TreeMap<>(props), List.of(pass, fail, error, skipped));
    }
}
