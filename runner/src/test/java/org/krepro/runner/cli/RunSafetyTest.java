package org.krepro.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.device.Leftovers;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import picocli.CommandLine;

/**
 * The environment mistakes, provoked for real: a device mounted elsewhere, a device holding
 * someone's ext4 or a partition table, a work dir on a small tmpfs, a work dir that fills during the run,
 * two runs at once. Each checks the exit code, the sentence, that the data survived and that nothing of
 * krepro's is left.
 */
@Tag("root")
class RunSafetyTest {
    static final String RELEASE = release();

    @BeforeEach
    void root() {
        Leftovers.assumeRoot();
    }

    static String release() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Run(int exit, String err) {
    }

    static Run krepro(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, err.toString());
    }

    static String sha256(Path dev) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(dev)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static List<String> run(HostScratch s, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("run", "-r", "control-clean", "--fs", "ext4", "--duration", "2s",
                "--work-dir", s.dir.resolve("work").toString(), "--report-dir", s.dir.resolve("reports").toString()));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void aDeviceMountedElsewhereIsRefusedNamingTheMountPoint() throws Exception {
        try (HostScratch s = new HostScratch("mounted")) {
            Path dev = s.loopDevice("theirs", 128);
            s.run("mkfs.ext4", "-q", dev.toString());
            Path mnt = s.mount(dev, "their-mount");
            Files.writeString(mnt.resolve("precious"), "their data");
            Run r = krepro(run(s, "--devices", dev.toString()).toArray(String[]::new));
            assertEquals(ExitCodes.ENVIRONMENT, r.exit(), r.err());
            assertEquals("krepro: --devices " + dev + " is mounted on " + mnt + "; krepro formats the devices it is"
                    + " given, so it refuses a mounted one", r.err().strip());
            assertEquals("their data", Files.readString(mnt.resolve("precious")));
            assertFalse(Files.exists(s.dir.resolve("reports").resolve(RELEASE)), "refused before anything ran");
            // --overwrite-devices does not make a mounted device fair game
            assertEquals(ExitCodes.ENVIRONMENT, krepro(run(s, "--devices", dev.toString(), "--overwrite-devices")
                    .toArray(String[]::new)).exit());
            assertEquals("their data", Files.readString(mnt.resolve("precious")));
        }
    }

    @Test
    void aDeviceHoldingAFilesystemIsRefusedUntouchedUnlessTheUserOverwritesIt() throws Exception {
        try (HostScratch s = new HostScratch("holds-fs")) {
            Path dev = s.loopDevice("theirs", 128);
            s.run("mkfs.ext4", "-q", dev.toString());
            Path mnt = s.mount(dev, "m");
            Files.writeString(mnt.resolve("precious"), "their data");
            s.unmount(mnt);
            String before = sha256(dev);

            Run r = krepro(run(s, "--devices", dev.toString()).toArray(String[]::new));
            assertEquals(ExitCodes.ENVIRONMENT, r.exit(), r.err());
            assertEquals("krepro: --devices " + dev + " holds data (ext4 filesystem at 0x438); krepro would destroy it:"
                    + " pass --overwrite-devices if that is what you want", r.err().strip());
            assertEquals(before, sha256(dev), "not a byte changed");
            assertFalse(Files.exists(s.dir.resolve("reports").resolve(RELEASE)));

            // told to, krepro formats it and runs
            Run ok = krepro(run(s, "--devices", dev.toString(), "--overwrite-devices").toArray(String[]::new));
            assertEquals(ExitCodes.ALL_PASSED, ok.exit(), ok.err());
            TestResult t = RunResults.read(s.dir.resolve("reports").resolve(RELEASE).resolve(RunResults.FILE_NAME)).tests().getFirst();
            assertEquals(Verdict.PASS, t.verdict(), t.toString());
            assertEquals("[" + dev + "]", t.properties().get("devices.paths"));
            Leftovers.assertNone(s.dir.resolve("work"));
        }
    }

    @Test
    void aPartitionTableIsRefusedAndABlankDeviceIsNot() throws Exception {
        try (HostScratch s = new HostScratch("parted")) {
            Path dev = s.loopDevice("disk", 128);
            writeMbr(dev);
            Run r = krepro(run(s, "--devices", dev.toString()).toArray(String[]::new));
            assertEquals(ExitCodes.ENVIRONMENT, r.exit(), r.err());
            assertTrue(r.err().contains("holds data (dos partition table at 0x1fe)"), r.err());

            s.run("wipefs", "--all", "--quiet", dev.toString());
            Run blank = krepro(run(s, "--devices", dev.toString()).toArray(String[]::new));
            assertEquals(ExitCodes.ALL_PASSED, blank.exit(), "a blank device (a guest's fresh disk) needs no flag: " + blank.err());
        }
    }

    @Test
    void aWorkDirWithoutRoomForTheImagesIsRefusedBeforeTheRun() throws Exception {
        try (HostScratch s = new HostScratch("tiny")) {
            Path tiny = s.tmpfs("tiny", "3m");
            Run r = krepro("run", "-r", "control-clean", "--fs", "ext4", "--work-dir", tiny.resolve("w").toString(),
                    "--report-dir", s.dir.resolve("reports").toString());
            assertEquals(ExitCodes.ENVIRONMENT, r.exit(), r.err());
            assertEquals("krepro: the work dir " + tiny.resolve("w") + " has 3.0 MiB free (tmpfs krepro-test), but"
                    + " ext4/control-clean[4k] needs up to 64.0 MiB for its images: free some space or pass --work-dir"
                    + " on a bigger filesystem", r.err().strip());
            assertFalse(Files.exists(tiny.resolve("w/images")), "no workspace made");
            Leftovers.assertNone(tiny.resolve("w"));
        }
    }

    @Test
    void aReadOnlyWorkDirIsTheEnvironmentInOneSentence() throws Exception {
        try (HostScratch s = new HostScratch("read-only")) {
            Path ro = s.tmpfs("ro", "8m");
            s.run("mount", "-o", "remount,ro", ro.toString());
            Run r = krepro("run", "-r", "control-clean", "--fs", "ext4", "--work-dir", ro.toString(),
                    "--report-dir", s.dir.resolve("reports").toString());
            assertEquals(ExitCodes.ENVIRONMENT, r.exit(), r.err());
            assertEquals("krepro: --work-dir " + ro + " is not writable: read-only file system", r.err().strip());
        }
    }

    /** The "Bad magic number" FAIL: the disk fills under a running test. It must be ERROR, exit 3. */
    @Test
    void aWorkDirThatFillsDuringTheRunIsAnErrorNamingItNotAFilesystemFailure() throws Exception {
        try (HostScratch s = new HostScratch("fills")) {
            Path fs = s.tmpfs("small", "80m");
            Path work = fs.resolve("w");
            Path images = work.resolve("images");
            Path filler = fs.resolve("someone-elses-file");
            // someone else's writer, started once the test's image exists and the workload has begun
            CompletableFuture<Long> fill = CompletableFuture.supplyAsync(() -> {
                long n = 0;
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (System.nanoTime() < deadline && !hasFiles(images)) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(1500);
                    try (OutputStream out = Files.newOutputStream(filler)) {
                        byte[] mib = new byte[1 << 20];
                        java.util.Arrays.fill(mib, (byte) 0x5a);
                        while (true) {
                            out.write(mib);
                            n += mib.length;
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    return n; // ENOSPC: the disk is full
                }
            });
            Run r = krepro("run", "-r", "control-clean", "--fs", "ext4", "--duration", "6s", "--work-dir", work.toString(),
                    "--report-dir", s.dir.resolve("reports").toString());
            long filled = fill.get(60, TimeUnit.SECONDS);
            Files.deleteIfExists(filler);
            TestResult t = RunResults.read(s.dir.resolve("reports").resolve(RELEASE).resolve(RunResults.FILE_NAME)).tests().getFirst();
            assertTrue(filled > 0, "the filler wrote");
            assertEquals(Verdict.ERROR, t.verdict(), t.toString());
            assertTrue(t.reason().startsWith("the work dir " + work + " ran out of space"), t.reason());
            assertEquals(ExitCodes.ENVIRONMENT, r.exit(), r.err());
            Leftovers.assertNone(work);
        }
    }

    /** Two real runs at once: the second is refused naming the first's pid; the first is unharmed. */
    @Test
    void aSecondRunOnTheSameKernelIsRefusedWhileTheFirstHoldsTheLog() throws Exception {
        try (HostScratch s = new HostScratch("two-runs")) {
            Path work1 = s.dir.resolve("work1");
            Path reports1 = s.dir.resolve("reports1");
            Process first = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "run", "-r", "control-clean", "--fs", "ext4", "--duration", "8s", "--work-dir", work1.toString(),
                    "--report-dir", reports1.toString())
                    .redirectErrorStream(true).redirectOutput(s.dir.resolve("first.log").toFile()).start();
            try {
                Path started = reports1.resolve(RELEASE).resolve("krepro.log");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(started) && first.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(first.isAlive(), Files.readString(s.dir.resolve("first.log")));
                Run second = krepro(run(s).toArray(String[]::new));
                assertEquals(ExitCodes.ENVIRONMENT, second.exit(), second.err());
                assertTrue(second.err().startsWith("krepro: another krepro run holds the kernel-log lock"
                        + " /run/lock/krepro-kernel-log.lock (pid " + first.pid() + ", since "), second.err());
                assertFalse(Files.exists(s.dir.resolve("reports").resolve(RELEASE)));
                assertTrue(first.waitFor(180, TimeUnit.SECONDS));
                assertEquals(0, first.exitValue(), Files.readString(s.dir.resolve("first.log")));

                // once it is done, the next run goes ahead
                Path kcidb = s.dir.resolve("kcidb.json");
                Run third = krepro(run(s, "--lock-wait", "30s", "--kcidb", kcidb.toString()).toArray(String[]::new));
                assertEquals(ExitCodes.ALL_PASSED, third.exit(), third.err());
                // a real run's reports, read by the independent readers
                var doc = org.krepro.runner.report.kcidb.KcidbExportTest.assertValid(kcidb);
                assertEquals("PASS", doc.get("tests").get(0).get("status").asText());
                assertEquals(List.of("ext4 1 0 0 0"), org.krepro.runner.report.JUnitParserTest.readAndCompare(
                        s.dir.resolve("reports").resolve(RELEASE)));
            } finally {
                if (first.isAlive()) {
                    first.destroy();
                    first.waitFor(30, TimeUnit.SECONDS);
                }
            }
            Leftovers.assertNone(work1);
            Leftovers.assertNone(s.dir.resolve("work"));
        }
    }

    /** An open directory stream would keep the tmpfs busy: closed at once. */
    static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    /** A DOS (MBR) partition table with one Linux partition, as fdisk writes it (no fdisk on this machine). */
    static void writeMbr(Path dev) throws IOException {
        java.nio.ByteBuffer mbr = java.nio.ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        mbr.put(0x1be + 4, (byte) 0x83);           // type: Linux
        mbr.putInt(0x1be + 8, 2048);               // first LBA
        mbr.putInt(0x1be + 12, 128 * 2048 - 2048); // sectors
        mbr.put(0x1fe, (byte) 0x55).put(0x1ff, (byte) 0xaa);
        try (var ch = java.nio.channels.FileChannel.open(dev, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(mbr, 0);
            ch.force(true);
        }
    }
}
