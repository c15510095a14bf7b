package org.krepro.runner.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.io.ProcessFailedException;
import org.krepro.runner.io.Processes;

/** Parts of the lifecycle that need neither root nor loop devices. */
class WorkspaceUnitTest {

    @Test
    void refusesToOpenWhenNotRoot(@TempDir Path tmp) {
        Path root = tmp.resolve("ws");
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> Workspace.open(root, Workspace.Options.defaults().withEffectiveUid(() -> 1000)));
        assertTrue(e.getMessage().contains("must run as root"), e.getMessage());
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
        assertFalse(Files.exists(root), "nothing is created before the checks pass");
    }

    @Test
    void effectiveUidIsReadFromProc() {
        assertTrue(Workspace.effectiveUid() >= 0);
    }

    @Test
    void ownerIdentityDefeatsPidReuse() {
        OwnerProcess me = OwnerProcess.current();
        assertEquals(ProcessHandle.current().pid(), me.pid());
        assertTrue(me.isAlive());
        assertFalse(new OwnerProcess(me.pid(), me.startTime() + 1).isAlive(), "same pid, other start time");
        assertFalse(new OwnerProcess(Integer.MAX_VALUE - 3, 1).isAlive(), "no such pid");
    }

    @Test
    void deadChildIsRecognised() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        OwnerProcess child = OwnerProcess.of(p.pid());
        assertTrue(child.isAlive());
        p.destroyForcibly().waitFor();
        // reaped by the JVM: gone from /proc (or a zombie for a moment, which also counts as dead)
        for (int i = 0; i < 50 && child.isAlive(); i++) {
            Thread.sleep(20);
        }
        assertFalse(child.isAlive());
    }

    @Test
    void recordsRoundTripThroughTheStateDirectory(@TempDir Path tmp) throws Exception {
        StateDirectory state = new StateDirectory(tmp);
        ResourceRecord loop = new ResourceRecord(ResourceRecord.Kind.LOOP, "t-1-0", Path.of("/var/tmp/x y/images/a.img"),
                Path.of("/dev/loop7"), new OwnerProcess(42, 4242), Instant.parse("2026-01-01T00:00:00Z"));
        ResourceRecord mount = ResourceRecord.create(ResourceRecord.Kind.MOUNT, "t-1", tmp.resolve("mnt/t-1"), null);
        state.write(loop);
        state.write(mount);
        List<ResourceRecord> all = state.list(s -> { });
        assertEquals(2, all.size());
        assertTrue(all.contains(loop));
        assertTrue(all.contains(mount));
        Files.writeString(tmp.resolve("image-broken.rec"), "kind=NOPE\n");
        StringBuilder complaints = new StringBuilder();
        assertEquals(2, state.list(complaints::append).size());
        assertTrue(complaints.toString().contains("image-broken.rec"));
        state.remove(loop);
        assertEquals(List.of(mount), state.list(s -> { }));
        try (AutoCloseable lock = state.lock()) {
            assertTrue(Files.exists(tmp.resolve("lock")));
        }
    }

    @Test
    void mountTableEscapesAreDecoded() {
        assertEquals("/var/tmp/a b\tc\\d", Mounts.unescape("/var/tmp/a\\040b\\011c\\134d"));
        assertEquals("/plain", Mounts.unescape("/plain"));
    }

    @Test
    void commandLinesAreShellQuoted() {
        assertEquals("mount -t ext4 -o data=journal /dev/loop0 '/var/tmp/a b'",
                Processes.toShell(List.of("mount", "-t", "ext4", "-o", "data=journal", "/dev/loop0", "/var/tmp/a b")));
        assertEquals("echo 'it'\\''s' ''", Processes.toShell(List.of("echo", "it's", "")));
    }

    @Test
    void failedCommandsNameTheCommandAndItsStderr() throws Exception {
        Processes.Result r = Processes.run(List.of("sh", "-c", "echo oops >&2; exit 3"));
        ProcessFailedException e = assertThrows(ProcessFailedException.class, r::check);
        assertEquals("sh -c 'echo oops >&2; exit 3' failed with exit status 3: oops", e.getMessage());
    }

    @Test
    void deviceKindFollowsTheDeviceName() {
        assertEquals(DeviceKind.NVME, DeviceKind.ofDeviceName(Path.of("/dev/nvme1n1")));
        assertEquals(DeviceKind.VIRTIO, DeviceKind.ofDeviceName(Path.of("/dev/vdb")));
        assertEquals(DeviceKind.LOOP, DeviceKind.ofDeviceName(Path.of("/dev/loop12")));
        assertEquals(DeviceKind.GIVEN, DeviceKind.ofDeviceName(Path.of("/dev/sdc")));
    }
}
