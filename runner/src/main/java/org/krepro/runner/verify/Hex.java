package org.krepro.runner.verify;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Hex excerpts, 16 bytes a line, found and expected interleaved. */
final class Hex {
    private Hex() {
    }

    /** One 16-byte line: "4b 52 50 42 ... |KRPB....|"; bytes beyond the segment are blank. */
    static String line(MemorySegment seg, long off) {
        StringBuilder hex = new StringBuilder(70);
        StringBuilder asc = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            long o = off + i;
            if (i == 8) {
                hex.append(' ');
            }
            if (seg != null && o < seg.byteSize()) {
                int b = Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, o));
                hex.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 15, 16)).append(' ');
                asc.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            } else {
                hex.append("   ");
                asc.append(' ');
            }
        }
        return hex.append('|').append(asc).append('|').toString();
    }

    /**
     * Lines [from, to) of both segments: "0x0000 found    ..." / "       expected ..." with a marker line
     * under bytes that differ.
     */
    static void excerpt(StringBuilder out, String indent, MemorySegment found, MemorySegment expected, long from, long to) {
        for (long off = from & ~15L; off < to; off += 16) {
            String f = line(found, off);
            out.append(indent).append(String.format("0x%04x found    ", off)).append(f).append('\n');
            if (expected != null) {
                String e = line(expected, off);
                out.append(indent).append("       expected ").append(e).append('\n');
                if (!f.equals(e)) {
                    StringBuilder marks = new StringBuilder();
                    for (int i = 0; i < 16; i++) {
                        if (i == 8) {
                            marks.append(' ');
                        }
                        long o = off + i;
                        boolean differ = o < found.byteSize() && o < expected.byteSize()
                                && found.get(ValueLayout.JAVA_BYTE, o) != expected.get(ValueLayout.JAVA_BYTE, o);
                        marks.append(differ ? "^^ " : "   ");
                    }
                    out.append(indent).append("                ").append(marks.toString().stripTrailing()).append('\n');
                }
            }
        }
    }
}
