package org.krepro.prove;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kernel pairs that prove each seed, read from {@code proofs.tsv} beside this class (data, not code). */
public final class Proofs {

    /**
     * One seed's proof set-up.
     *
     * @param seed        the seed number ("003")
     * @param reproducer  its reproducer id
     * @param fs          the filesystem it is proven on
     * @param bugKernel   a kernel carrying the bug
     * @param fixedKernel the same kernel with the fix, or null when no fixed kernel exists
     * @param why         why this pair
     */
    public record Pair(String seed, String reproducer, String fs, String bugKernel, String fixedKernel, String why) {
    }

    private Proofs() {
    }

    /**
     * A kernel column: a kernel spec, optionally followed by " with " and kernel command-line arguments
     * ("knockout:001 with krepro_ko001=0": the same knock-out kernel with its fix switched back on).
     */
    public record KernelChoice(String spec, List<String> cmdline) {
        public static KernelChoice parse(String column) {
            int at = column.indexOf(" with ");
            if (at < 0) {
                return new KernelChoice(column.trim(), List.of());
            }
            return new KernelChoice(column.substring(0, at).trim(), List.of(column.substring(at + 6).trim().split("\\s+")));
        }

        /** The kernel's name in reports: its label, and the arguments when there are any. */
        public String name(String label) {
            return cmdline.isEmpty() ? label : label + "+" + String.join("+", cmdline);
        }
    }

    public static List<Pair> all() {
        try (InputStream in = Proofs.class.getResourceAsStream("proofs.tsv")) {
            if (in == null) {
                throw new IllegalStateException("proofs.tsv missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read proofs.tsv: " + e.getMessage(), e);
        }
    }

    static List<Pair> parse(String text) {
        List<Pair> out = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 6) {
                throw new IllegalStateException("proofs.tsv line " + n + ": 6 tab-separated columns wanted, " + f.length + " found");
            }
            out.add(new Pair(f[0], f[1], f[2], f[3], f[4].equals("-") ? null : f[4], f[5]));
        }
        return List.copyOf(out);
    }

    public static Optional<Pair> forReproducer(String id) {
        return all().stream().filter(p -> p.reproducer().equals(id)).findFirst();
    }
}
