package org.krepro.runner.kmsg;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The part of the kernel log that belongs to one test, delimited by marker records as fstests does.
 *
 * <p>{@link #open} positions a reader at the end of the log, re-arms WARN_ONCE (debugfs
 * {@code clear_warn_once}, when mounted), then writes {@code "krepro: run <id> test <name> start <nonce>"}.
 * Every record whose sequence number is above the start marker's belongs to the test. {@link #end}
 * writes the matching {@code "... end <nonce>"} marker and keeps the records up to it, so a window is never
 * left open and the next window cannot inherit this one's records. The nonce makes markers unique even when
 * the same test runs twice in one run.
 *
 * <pre>{@code
 * try (KmsgWindow w = KmsgWindow.open("run42", "ext4/dirty-folio")) {
 *     ... run the test ...
 *     List<KmsgRecord> log = w.end();
 * }
 * }</pre>
 */
public final class KmsgWindow implements AutoCloseable {
    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9_.:/+=@-]");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KmsgReader reader;
    private final KmsgWriter writer;
    private final String startMarker;
    private final String endMarker;
    private final boolean warnOnceCleared;
    private final List<KmsgRecord> records = new ArrayList<>();
    private long startSequence = -1;
    private long endSequence = -1;
    private boolean closed;

    private KmsgWindow(KmsgReader reader, KmsgWriter writer, String runId, String testName, boolean warnOnceCleared) {
        this.reader = reader;
        this.writer = writer;
        String nonce = HexFormat.of().formatHex(randomBytes());
        String base = "krepro: run " + safe(runId) + " test " + safe(testName);
        this.startMarker = base + " start " + nonce;
        this.endMarker = base + " end " + nonce;
        this.warnOnceCleared = warnOnceCleared;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Opens a window on the host's /dev/kmsg. */
    public static KmsgWindow open(String runId, String testName) throws IOException {
        return open(runId, testName, KmsgReader.open(), new KmsgWriter());
    }

    /** Opens a window with the given reader (taken over: closed with the window) and writer. */
    public static KmsgWindow open(String runId, String testName, KmsgReader reader, KmsgWriter writer) throws IOException {
        reader.seekToEnd();
        boolean cleared = KmsgWriter.clearWarnOnce();
        KmsgWindow w = new KmsgWindow(reader, writer, runId, testName, cleared);
        try {
            writer.write(KmsgWriter.LEVEL_NOTICE, w.startMarker);
            w.awaitMarker(true);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        return w;
    }

    private static String safe(String s) {
        return SAFE.matcher(s).replaceAll("_");
    }

    /** The start marker text, as logged. */
    public String startMarker() {
        return startMarker;
    }

    /** The end marker text, as logged by {@link #end}. */
    public String endMarker() {
        return endMarker;
    }

    /** Whether WARN_ONCE sites were re-armed when the window opened (false when debugfs is not mounted). */
    public boolean warnOnceCleared() {
        return warnOnceCleared;
    }

    /** Sequence number of the start marker record. */
    public long startSequence() {
        return startSequence;
    }

    /** Records lost to ring-buffer overwrite while the window was open. */
    public List<KmsgReader.Gap> gaps() {
        return reader.gaps();
    }

    /**
     * Reads what the kernel logged since the last call and returns every record of the window so far (live
     * progress while a test runs). Markers are not included.
     */
    public List<KmsgRecord> poll() throws IOException {
        if (!closed) {
            for (KmsgRecord r : reader.drain()) {
                accept(r);
            }
        }
        return List.copyOf(records);
    }

    /**
     * Writes the end marker, reads up to it and returns the window's records (markers excluded). Idempotent:
     * a second call returns the same list.
     */
    public List<KmsgRecord> end() throws IOException {
        if (closed) {
            return List.copyOf(records);
        }
        try {
            writer.write(KmsgWriter.LEVEL_NOTICE, endMarker);
            awaitMarker(false);
        } finally {
            closed = true;
            reader.close();
        }
        return List.copyOf(records);
    }

    /** Ends the window if {@link #end} was not called: a window never stays open. */
    @Override
    public void close() throws IOException {
        end();
    }

    private void awaitMarker(boolean start) throws IOException {
        // The marker write is synchronous: the record is in the ring buffer when write() returns. A few
        // retries cover readers racing with a flood of other records.
        for (int attempt = 0; attempt < 200; attempt++) {
            for (KmsgRecord r : reader.drain()) {
                if (start ? startSequence < 0 && r.message().equals(startMarker) : r.message().equals(endMarker)) {
                    if (start) {
                        startSequence = r.sequence();
                    } else {
                        endSequence = r.sequence();
                        return;
                    }
                } else if (startSequence >= 0) {
                    accept(r);
                }
            }
            if (start && startSequence >= 0) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the kmsg marker", e);
            }
        }
        throw new IOException("marker not seen in /dev/kmsg: " + (start ? startMarker : endMarker));
    }

    private void accept(KmsgRecord r) {
        if (r.sequence() > startSequence && (endSequence < 0 || r.sequence() < endSequence)
                && !r.message().equals(endMarker)) {
            records.add(r);
        }
    }
}
