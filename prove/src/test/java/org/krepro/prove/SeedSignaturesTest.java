package org.krepro.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.krepro.bisect.Signature;
import org.krepro.runner.engine.Reproducers;
import org.krepro.runner.spi.Finding;

/**
 * Each seed's declared signatures against the findings its reproducer produced on real kernels
 * (testdata/NNN-*.report, taken from `krepro prove` runs): a seed's own findings are its bug, noise
 * marked "match: no" is not, and no seed claims another seed's findings.
 */
class SeedSignaturesTest {

    record Report(String file, String seed, Finding finding, boolean bug) {
        static Report read(Path p) throws IOException {
            String text = Files.readString(p);
            int blank = text.indexOf("\n\n");
            String head = text.substring(0, blank);
            String detail = text.substring(blank + 2);
            String kind = field(head, "kind");
            String title = field(head, "title");
            String match = field(head, "match");
            String name = p.getFileName().toString();
            return new Report(name, name.substring(0, 3), new Finding(Finding.Kind.valueOf(kind), title, detail),
                    !"no".equals(match));
        }

        private static String field(String head, String key) {
            return head.lines().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2)).findFirst()
                    .orElse(null);
        }
    }

    static List<Report> reports() throws IOException, URISyntaxException {
        Path dir = Path.of(SeedSignaturesTest.class.getResource("testdata").toURI());
        List<Report> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".report")).sorted().toList()) {
                out.add(Report.read(p));
            }
        }
        return out;
    }

    static Signature signature(String seed) {
        Proofs.Pair pair = Proofs.all().stream().filter(p -> p.seed().equals(seed)).findFirst().orElseThrow();
        return Signature.of(List.of(), Reproducers.byId(pair.reproducer()).orElseThrow().info().expectedSignatures());
    }

    @Test
    void everySeedsOwnFindingsAreItsBugAndNoiseIsNot() throws Exception {
        List<Report> reports = reports();
        assertTrue(reports.size() >= 7, "testdata has the prove findings: " + reports.size());
        for (Report r : reports) {
            Signature own = signature(r.seed());
            assertEquals(r.bug(), own.matches(r.finding()), r.file() + " against seed " + r.seed() + "'s " + own);
        }
    }

    @Test
    void noSeedClaimsAnotherSeedsFindings() throws Exception {
        List<String> seeds = Proofs.all().stream().map(Proofs.Pair::seed).toList();
        for (Report r : reports()) {
            for (String other : seeds) {
                if (!other.equals(r.seed()) && signature(other).known()) {
                    assertFalse(signature(other).matches(r.finding()), r.file() + " claimed by seed " + other);
                }
            }
        }
    }

    @Test
    void everySeedWithAKernelFindingHasTestdata() throws Exception {
        List<String> have = reports().stream().filter(Report::bug).map(Report::seed).distinct().toList();
        for (String seed : List.of("001", "002", "003", "004")) {
            assertTrue(have.contains(seed), "seed " + seed + " has a real finding under testdata");
        }
    }
}
