package org.krepro.runner.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void deletesATreeButNotWhatItsLinksPointAt() throws Exception {
        Path outside = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("keep"), "x");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("f"), "y");
        Files.createSymbolicLink(dir.resolve("tree/a/link"), outside.getParent());
        FileTrees.delete(dir.resolve("tree"));
        assertFalse(Files.exists(dir.resolve("tree")));
        assertTrue(Files.isRegularFile(outside));
    }

    @Test
    void aMissingTreeIsNothingToDo() throws Exception {
        FileTrees.delete(dir.resolve("none"));
        FileTrees.deleteQuietly(dir.resolve("none"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        FileTrees.deleteQuietly(dangling);
        assertFalse(Files.exists(dangling, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Tag("root")
    @Test
    void deleteAllItCanGoesOnPastWhatItCannotDelete() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Path locked = Files.createDirectories(tree.resolve("z-locked"));
        Files.writeString(locked.resolve("stays"), "x");
        Files.writeString(Files.createDirectories(tree.resolve("b/c")).resolve("goes"), "y");
        Files.writeString(tree.resolve("a-goes"), "z");
        // a directory made immutable cannot lose its entries, even to root
        boolean immutable = new ProcessBuilder("chattr", "+i", locked.toString()).start().waitFor() == 0;
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(immutable, "chattr +i not possible here");
            // the walk's reverse order meets the locked directory's file first: delete stops there
            assertThrows(java.io.IOException.class, () -> FileTrees.delete(tree));
            assertTrue(Files.isRegularFile(tree.resolve("a-goes")));
            FileTrees.deleteAllItCan(tree);
            assertTrue(Files.isRegularFile(locked.resolve("stays")));
            assertFalse(Files.exists(tree.resolve("b")));
            assertFalse(Files.exists(tree.resolve("a-goes")));
        } finally {
            new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor();
        }
        FileTrees.deleteAllItCan(tree);
        assertFalse(Files.exists(tree));
        FileTrees.deleteAllItCan(tree);
        FileTrees.deleteAllItCan(null);
    }
}
