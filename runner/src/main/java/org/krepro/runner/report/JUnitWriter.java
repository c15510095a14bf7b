package org.krepro.runner.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.krepro.runner.spi.Finding;

/**
 * Writes a run as Ant-style JUnit XML (the schema Jenkins and GitLab read, shared/schemas/JUnit.xsd):
 * one file {@code TEST-krepro.<fs>.xml} per filesystem in the kernel's report directory, one
 * {@code testsuite} per (kernel, filesystem), one {@code testcase} per reproducer and option set.
 *
 * <p>The schema gives test cases no properties of their own, so per-test facts (mkfs and mount
 * options, seed, duration, iterations, telemetry) are suite properties named
 * {@code <case>.<key>}, e.g. {@code gup-dio-into-mmap[4k].iterations}. A failure's message is the
 * first finding's title; its body holds every finding, the kernel-log excerpt and fsck's output.
 * Characters XML 1.0 cannot carry (kernel logs have them) are written as {@code \xNN}.
 */
public final class JUnitWriter {

    private JUnitWriter() {
    }

    /** Writes one XML file per filesystem into {@code dir}; returns the files written. */
    public static List<Path> write(RunResults run, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<TestResult>> byFs = new LinkedHashMap<>();
        for (TestResult t : run.tests()) {
            byFs.computeIfAbsent(t.fs(), k -> new ArrayList<>()).add(t);
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<TestResult>> e : byFs.entrySet()) {
            Path file = ReportDir.of(dir).junit(e.getKey());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writeSuite(run, e.getKey(), e.getValue(), w);
            } catch (XMLStreamException ex) {
                throw new IOException("writing " + file + ": " + ex.getMessage(), ex);
            }
            written.add(file);
        }
        return written;
    }

    static void writeSuite(RunResults run, String fs, List<TestResult> tests, Writer out) throws XMLStreamException {
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        HostInfo h = run.host();
        long failures = tests.stream().filter(t -> t.verdict() == Verdict.FAIL).count();
        long errors = tests.stream().filter(t -> t.verdict() == Verdict.ERROR).count();
        long skipped = tests.stream().filter(t -> t.verdict() == Verdict.SKIPPED).count();
        double time = tests.stream().mapToDouble(TestResult::seconds).sum();

        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "krepro." + clean(h.kernelRelease()) + "." + fs);
        x.writeAttribute("timestamp", run.timestamp());
        x.writeAttribute("hostname", clean(h.hostname()));
        x.writeAttribute("tests", Integer.toString(tests.size()));
        x.writeAttribute("failures", Long.toString(failures));
        x.writeAttribute("errors", Long.toString(errors));
        x.writeAttribute("skipped", Long.toString(skipped));
        x.writeAttribute("time", seconds(time));
        x.writeCharacters("\n  ");

        x.writeStartElement("properties");
        SortedMap<String, String> props = new TreeMap<>();
        props.put("kernel.release", h.kernelRelease());
        props.put("kernel.version", h.kernelVersion());
        props.put("arch", h.arch());
        props.put("cpus", Integer.toString(h.cpus()));
        props.put("memory.bytes", Long.toString(h.memoryBytes()));
        props.put("numa.nodes", h.numaNodes().toString());
        props.put("filesystem", fs);
        props.put("krepro.version", h.kreproVersion());
        props.putAll(run.properties());
        for (TestResult t : tests) {
            t.properties().forEach((k, v) -> props.put(t.caseName() + "." + k, v));
            t.evidence().forEach((k, v) -> props.put(t.caseName() + ".evidence." + k, v));
        }
        for (Map.Entry<String, String> p : props.entrySet()) {
            x.writeCharacters("\n    ");
            x.writeEmptyElement("property");
            x.writeAttribute("name", clean(p.getKey()));
            x.writeAttribute("value", clean(p.getValue()));
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();

        for (TestResult t : tests) {
            x.writeCharacters("\n  ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", clean(t.caseName()));
            x.writeAttribute("classname", "krepro." + fs + "." + clean(t.reproducer()));
            x.writeAttribute("time", seconds(t.seconds()));
            switch (t.verdict()) {
                case FAIL -> {
                    x.writeStartElement("failure");
                    x.writeAttribute("message", clean(t.headline()));
                    x.writeAttribute("type", t.findings().isEmpty() ? "FAIL" : t.findings().getFirst().kind().name());
                    x.writeCharacters(clean(failureBody(t)));
                    x.writeEndElement();
                }
                case ERROR -> {
                    x.writeStartElement("error");
                    x.writeAttribute("message", clean(t.reason()));
                    x.writeAttribute("type", "krepro");
                    x.writeCharacters(clean(failureBody(t)));
                    x.writeEndElement();
                }
                case SKIPPED -> {
                    x.writeStartElement("skipped");
                    x.writeAttribute("message", clean(t.reason()));
                    x.writeEndElement();
                }
                case PASS -> {
                }
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeStartElement("system-out");
        StringBuilder so = new StringBuilder();
        for (TestResult t : tests) {
            so.append("== ").append(t.caseName()).append(": ").append(t.verdict());
            if (!t.headline().isEmpty()) {
                so.append(" (").append(t.headline()).append(')');
            }
            so.append('\n');
            t.notes().forEach(n -> so.append("  ").append(n).append('\n'));
        }
        x.writeCharacters(clean(so.toString()));
        x.writeEndElement();
        x.writeCharacters("\n  ");
        x.writeEmptyElement("system-err");
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.close();
    }

    /** All findings, the kernel-log excerpt and fsck's output: what a developer reads first. */
    public static String failureBody(TestResult t) {
        StringBuilder b = new StringBuilder();
        if (!t.reason().isEmpty()) {
            b.append(t.reason()).append("\n\n");
        }
        int i = 1;
        for (Finding f : t.findings()) {
            b.append("finding ").append(i++).append(" [").append(f.kind()).append("] ").append(f.title()).append('\n');
            if (!f.detail().isEmpty()) {
                b.append(indent(f.detail())).append('\n');
            }
        }
        if (!t.kernelLog().isEmpty()) {
            b.append("\n--- kernel log (this test) ---\n").append(t.kernelLog());
            if (!t.kernelLog().endsWith("\n")) {
                b.append('\n');
            }
        }
        if (!t.fsckOutput().isEmpty()) {
            b.append("\n--- fsck ---\n").append(t.fsckOutput());
            if (!t.fsckOutput().endsWith("\n")) {
                b.append('\n');
            }
        }
        if (!t.evidence().isEmpty()) {
            b.append("\n--- evidence ---\n");
            t.evidence().forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        }
        return b.toString();
    }

    private static String indent(String s) {
        return "    " + s.replace("\n", "\n    ");
    }

    private static String seconds(double s) {
        return String.format(java.util.Locale.ROOT, "%.3f", s);
    }

    /**
     * Makes text safe for XML 1.0: characters it cannot carry (C0 controls but tab, LF and CR; lone
     * surrogates; U+FFFE/U+FFFF) become visible {@code \xNN} / {@code \\uNNNN} escapes.
     */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (c == '\t' || c == '\n' || c == '\r') {
                ok = true;
            } else if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                ok = false;
            } else if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (b != null) {
                        b.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = !Character.isLowSurrogate(c);
            }
            if (ok) {
                if (b != null) {
                    b.append(c);
                }
            } else {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }
}
