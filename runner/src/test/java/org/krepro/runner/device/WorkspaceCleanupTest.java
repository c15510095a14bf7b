package org.krepro.runner.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which leftovers the cleanup removes, with image records only (no root or loop devices needed: the uid
 * check is injected).
 */
class WorkspaceCleanupTest {
    private static final OwnerProcess DEAD = new OwnerProcess(OwnerProcess.current().pid(),
            OwnerProcess.current().startTime() + 1); // this pid, another start time: a recycled pid

    private static Workspace open(Path root) throws Exception {
        return Workspace.open(root, Workspace.Options.defaults().withEffectiveUid(() -> 0).withLoopDevices(false)
                .withLog(s -> { }));
    }

    private static ResourceRecord image(String id, Path path, OwnerProcess owner) {
        return new ResourceRecord(ResourceRecord.Kind.IMAGE, id, path, null, owner, Instant.now());
    }

    @Test
    void onlyDeadOwnersImagesInsideTheWorkspaceAreDeleted(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("ws");
        Path outside = Files.writeString(tmp.resolve("not-krepro.img"), "precious");
        Path deadImg;
        Path liveImg;
        Path shared;
        try (Workspace ws = open(root)) {
            deadImg = Files.writeString(ws.imageDir().resolve("dead.img"), "x");
            liveImg = Files.writeString(ws.imageDir().resolve("live.img"), "x");
            shared = Files.writeString(ws.imageDir().resolve("shared.img"), "x");
            Files.writeString(ws.imageDir().resolve("unrecorded.img"), "x");
            ws.state().write(image("dead", deadImg, DEAD));
            ws.state().write(image("live", liveImg, OwnerProcess.current()));
            ws.state().write(image("outside", outside, DEAD));
            ws.state().write(image("shared-dead", shared, DEAD));
            ws.state().write(image("shared-live", shared, OwnerProcess.current()));
        }
        try (Workspace ws = open(root)) {
            List<String> actions = ws.cleanupActions();
            assertFalse(Files.exists(deadImg), actions.toString());
            assertTrue(Files.exists(liveImg), "a live owner's image stays");
            assertEquals("precious", Files.readString(outside), "a path outside the workspace is never touched");
            assertTrue(Files.exists(shared), "a path a live record names stays");
            assertTrue(Files.exists(ws.imageDir().resolve("unrecorded.img")), "unrecorded files are not krepro's");
            assertTrue(actions.stream().anyMatch(a -> a.startsWith("deleted image " + deadImg)), actions.toString());
            assertTrue(actions.stream().anyMatch(a -> a.startsWith("ignoring image record image-outside.rec")),
                    actions.toString());
            assertTrue(actions.stream().anyMatch(a -> a.contains("belongs to a live process now")), actions.toString());
            List<String> left = ws.state().list(s -> { }).stream().map(ResourceRecord::id).sorted().toList();
            assertEquals(List.of("live", "shared-live"), left, "dead records are removed, live ones kept");
        }
    }
}
