package org.krepro.runner.fs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.krepro.runner.spi.Finding;

/**
 * What a filesystem checker said, kept in full.
 *
 * @param tool        e2fsck, xfs_repair or btrfs
 * @param commandLine the command as run, e.g. "e2fsck -fn /dev/loop3"
 * @param exitCode    its exit status (-1 when it could not be started)
 * @param output      its stdout followed by its stderr, complete
 * @param clean       true when the checker found nothing
 * @param status      clean, errors, dirty log (xfs) or failed to run
 */
public record FsckResult(String tool, String commandLine, int exitCode, String output, boolean clean, Status status) {

    private static final int TITLE_LIMIT = 160;

    public enum Status {
        /** No problem found. */
        CLEAN,
        /** The checker reported damage (or could not open the filesystem because of it). */
        ERRORS,
        /**
         * xfs only: the log holds metadata changes that were never replayed ("valuable metadata changes in a
         * log"), so the filesystem was not cleanly unmounted; xfs_repair -n cannot judge the rest.
         */
        DIRTY_LOG,
        /** The checker could not run (not installed, usage error, killed). */
        FAILED
    }

    public FsckResult {
        if (clean != (status == Status.CLEAN)) {
            throw new IllegalArgumentException("clean=" + clean + " but status " + status);
        }
        output = output == null ? "" : output;
    }

    /** A finding of kind FSCK when the check was not clean. */
    public Optional<Finding> finding() {
        return clean ? Optional.empty() : Optional.of(toFinding());
    }

    /**
     * The finding for this result: a concise title ("fsck: e2fsck found errors (exit 4): Root inode is not a
     * directory.") and as detail the command line, exit status and the full output.
     */
    public Finding toFinding() {
        return new Finding(Finding.Kind.FSCK, title(), report());
    }

    /** The command line, exit status and full output: what a report shows of the check. */
    public String report() {
        return "$ " + commandLine + "\n(exit status " + exitCode + ": " + status.name().toLowerCase(java.util.Locale.ROOT)
                + ")\n" + output;
    }

    public String title() {
        String what = switch (status) {
            case CLEAN -> "fsck: " + tool + " found no errors";
            case ERRORS -> "fsck: " + tool + " found errors (exit " + exitCode + ")";
            case DIRTY_LOG -> "fsck: xfs log is dirty, metadata changes were never replayed (exit " + exitCode + ")";
            case FAILED -> "fsck: " + tool + " could not check the filesystem (exit " + exitCode + ")";
        };
        if (status == Status.CLEAN || status == Status.DIRTY_LOG) {
            return what;
        }
        String line = firstProblemLine();
        if (line.isEmpty()) {
            return what;
        }
        if (line.length() > TITLE_LIMIT) {
            line = line.substring(0, TITLE_LIMIT - 3) + "...";
        }
        return what + ": " + line;
    }

    /** Progress and summary lines of each checker: everything else is a problem report. */
    private static final List<Pattern> NOISE = List.of(
            // e2fsck
            Pattern.compile("^Pass \\d[A-Z]?: .*"),
            Pattern.compile("^e2fsck \\d.*"),
            Pattern.compile("^\\s*Using EXT2FS Library.*"),
            Pattern.compile("^\\S+: \\d+/\\d+ files \\(.*"),
            Pattern.compile("^\\S+: \\*+ WARNING: Filesystem still has errors \\*+$"),
            Pattern.compile("^\\s*\\*+ FILE SYSTEM WAS MODIFIED \\*+$"),
            // xfs_repair
            Pattern.compile("^Phase \\d+ - .*"),
            Pattern.compile("^\\s+- .*"),
            Pattern.compile("^No modify flag set, .*"),
            Pattern.compile("^Metadata corruption detected at 0x[0-9a-f]+, .*"), // a code address: unstable
            // btrfs check
            Pattern.compile("^Opening filesystem to check\\.\\.\\."),
            Pattern.compile("^Checking filesystem on .*"),
            Pattern.compile("^UUID: .*"),
            Pattern.compile("^\\[\\d+/\\d+\\] .*"),
            Pattern.compile("^found \\d+ bytes used.*"),
            Pattern.compile("^total (csum|tree|fs tree|extent tree) bytes: .*"),
            Pattern.compile("^btree space waste bytes: .*"),
            Pattern.compile("^file data blocks allocated: .*"),
            Pattern.compile("^\\s*referenced \\d+$"),
            Pattern.compile("^btrfs-progs v.*"),
            Pattern.compile("^Csum didn't match$"));

    private static final Pattern E2FSCK_QUESTION = Pattern.compile("\\s+[A-Z][A-Za-z /+'-]*\\? no\\.?$");

    /** The first line of the output that is neither progress nor summary, trimmed; "" when none. */
    public String firstProblemLine() {
        String fallback = "";
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (NOISE.stream().anyMatch(p -> p.matcher(raw).matches())) {
                if (fallback.isEmpty() && raw.startsWith("Metadata corruption detected")) {
                    fallback = line;
                }
                continue;
            }
            return E2FSCK_QUESTION.matcher(line).replaceFirst("");
        }
        return fallback;
    }

    @Override
    public String toString() {
        return title();
    }
}
