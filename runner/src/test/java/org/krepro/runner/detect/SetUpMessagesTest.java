package org.krepro.runner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.krepro.runner.classify.ClassifiedLog;
import org.krepro.runner.classify.FsEvent;
import org.krepro.runner.classify.KernelLogClassifier;

/** A reproducer's declared set-up messages are set aside; every other filesystem message stays a finding. */
class SetUpMessagesTest {
    /** As ext4-inline-data-mkwrite declares it. */
    static final List<Pattern> INLINE_SETUP = List.of(
            Pattern.compile("^EXT4-fs error in ext4_mb_generate_buddy: .*block bitmap and bg descriptor inconsistent"));

    static ClassifiedLog classify(String testdata) throws Exception {
        Path p = Path.of(SetUpMessagesTest.class.getResource("testdata/" + testdata).toURI());
        List<String> lines = Files.readAllLines(p).stream().filter(l -> !l.startsWith("#")).toList();
        return new KernelLogClassifier(Set.of("nvme0n1")).classify(lines);
    }

    @Test
    void theSetUpsErrorIsSetAsideAndWhatFollowsIsNot() throws Exception {
        List<FsEvent> events = classify("002-setup-then-delalloc.log").fsEvents();
        List<FsEvent> setUp = events.stream().filter(e -> KernelLogDetector.isSetUp(e, INLINE_SETUP)).toList();
        List<FsEvent> findings = events.stream().filter(e -> !KernelLogDetector.isSetUp(e, INLINE_SETUP)).toList();
        assertEquals(1, setUp.size(), "the generate_buddy error: " + events);
        assertTrue(setUp.getFirst().title().startsWith("EXT4-fs error in ext4_mb_generate_buddy"));
        assertFalse(findings.isEmpty(), "the delayed-allocation failure is not the set-up's: " + events);
    }

    @Test
    void withoutADeclarationNothingIsSetAside() throws Exception {
        List<FsEvent> events = classify("002-setup-then-delalloc.log").fsEvents();
        assertTrue(events.stream().noneMatch(e -> KernelLogDetector.isSetUp(e, List.of())));
    }
}
