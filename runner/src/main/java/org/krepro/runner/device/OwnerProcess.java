package org.krepro.runner.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process identified by pid and start time (field 22 of /proc/PID/stat, in clock ticks since boot), so
 * that a recycled pid is not mistaken for the process that created a resource.
 */
public record OwnerProcess(long pid, long startTime) {

    private static final OwnerProcess CURRENT = of(ProcessHandle.current().pid());

    /** This JVM. */
    public static OwnerProcess current() {
        return CURRENT;
    }

    /** The process with that pid as it is now; throws when there is none. */
    public static OwnerProcess of(long pid) {
        OptionalLong start = startTimeOf(pid);
        if (start.isEmpty()) {
            throw new IllegalStateException("no process " + pid + " in /proc");
        }
        return new OwnerProcess(pid, start.getAsLong());
    }

    /** True when a process with this pid exists and started at the recorded time. */
    public boolean isAlive() {
        OptionalLong now = startTimeOf(pid);
        return now.isPresent() && now.getAsLong() == startTime;
    }

    /** The start time of a process from /proc/PID/stat, or empty when it does not exist. */
    static OptionalLong startTimeOf(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        // comm (field 2) is in parentheses and may contain spaces and ')': split after the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] rest = stat.substring(close + 2).trim().split(" +");
        // rest[0] is field 3 (state); field 22 (starttime) is rest[19].
        if (rest.length < 20) {
            return OptionalLong.empty();
        }
        if (rest[0].equals("Z") || rest[0].equals("X")) {
            return OptionalLong.empty(); // a zombie owns nothing any more
        }
        return OptionalLong.of(Long.parseLong(rest[19]));
    }

    @Override
    public String toString() {
        return "pid " + pid + " (start " + startTime + ")";
    }
}
