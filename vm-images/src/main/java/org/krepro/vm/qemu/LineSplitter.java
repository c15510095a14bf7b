package org.krepro.vm.qemu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream that arrives in arbitrary chunks (a serial console, a growing file) into lines:
 * each complete line, without its '\n' and without '\r's, goes to the consumer. Lines are decoded as
 * UTF-8 only when complete, so a character split across two reads stays whole.
 */
final class LineSplitter {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Consumer<String> lines;

    LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    void feed(byte[] buf, int n) {
        for (int k = 0; k < n; k++) {
            byte b = buf[k];
            if (b == '\n') {
                lines.accept(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else if (b != '\r') {
                pending.write(b);
            }
        }
    }

    /** The last line when the stream ended without a newline. */
    void finish() {
        if (pending.size() > 0) {
            lines.accept(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }
}
