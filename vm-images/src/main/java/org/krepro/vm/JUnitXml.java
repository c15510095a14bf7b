package org.krepro.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Writes the host's JUnit file for a guest run and adds guest properties to the guest's own JUnit files. */
public final class JUnitXml {

    private JUnitXml() {
    }

    /** XML text escaping, with control characters (kernel logs have them) replaced by \\xNN. */
    public static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\n', '\t' -> sb.append(c);
                case '\r' -> { }
                default -> {
                    if (c < 0x20 || c == 0xfffe || c == 0xffff || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        sb.append(String.format("\\x%02x", (int) c & 0xff));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** TEST-krepro-vm.xml: one suite, one test case, the guest run's verdict. */
    public static void writeHost(VmReport r, String body, Path file) throws IOException {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        boolean fail = "FAIL".equals(r.verdict());
        boolean err = "ERROR".equals(r.verdict());
        x.append("<testsuite name=\"").append(esc("vm." + r.release())).append("\" tests=\"1\" failures=\"")
                .append(fail ? 1 : 0).append("\" errors=\"").append(err ? 1 : 0).append("\" skipped=\"0\" time=\"")
                .append(String.format("%.3f", r.totalSeconds())).append("\" timestamp=\"")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""))
                .append("\" hostname=\"krepro-guest\">\n  <properties>\n");
        for (Map.Entry<String, String> p : r.properties().entrySet()) {
            x.append("    <property name=\"").append(esc(p.getKey())).append("\" value=\"").append(esc(p.getValue())).append("\"/>\n");
        }
        x.append("  </properties>\n  <testcase name=\"").append(esc(r.testName())).append("\" classname=\"")
                .append(esc("vm." + r.release())).append("\" time=\"").append(String.format("%.3f", r.totalSeconds())).append("\"");
        if (fail || err) {
            x.append(">\n    <").append(fail ? "failure" : "error").append(" message=\"").append(esc(r.title()))
                    .append("\" type=\"").append(fail ? "finding" : "error").append("\">").append(esc(body))
                    .append("</").append(fail ? "failure" : "error").append(">\n  </testcase>\n");
        } else {
            x.append(">\n    <system-out>").append(esc(body)).append("</system-out>\n  </testcase>\n");
        }
        x.append("</testsuite>\n");
        Files.writeString(file, x.toString(), StandardCharsets.UTF_8);
    }

    /** Copies a guest JUnit file, adding the guest properties (vm.*) to every testsuite. */
    public static void copyWithProperties(Path from, Path to, Map<String, String> props) throws IOException {
        try {
            var f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(from.toFile());
            NodeList suites = d.getElementsByTagName("testsuite");
            for (int i = 0; i < suites.getLength(); i++) {
                Element s = (Element) suites.item(i);
                Element propsEl = null;
                for (Node n = s.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e && e.getTagName().equals("properties")) {
                        propsEl = e;
                        break;
                    }
                }
                if (propsEl == null) {
                    propsEl = d.createElement("properties");
                    s.insertBefore(propsEl, s.getFirstChild());
                }
                for (var p : props.entrySet()) {
                    Element pe = d.createElement("property");
                    pe.setAttribute("name", p.getKey());
                    pe.setAttribute("value", p.getValue());
                    propsEl.appendChild(pe);
                }
            }
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(d), new StreamResult(to.toFile()));
        } catch (Exception e) {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
