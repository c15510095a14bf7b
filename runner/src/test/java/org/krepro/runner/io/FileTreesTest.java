package org.krepro.runner.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
