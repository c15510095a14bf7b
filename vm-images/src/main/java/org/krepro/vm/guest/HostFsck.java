package org.krepro.vm.guest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.io.Processes;

/**
 * fsck of the guest's disk images on the host after the guest is gone: a second opinion that does not
 * depend on the guest kernel having survived. The filesystem is recognised with blkid; multi-device
 * btrfs cannot be assembled from image files without loop devices and is reported as not checked.
 * Not the runner's fs/Fsck: that one checks a live run's devices of a known filesystem, this one image
 * files whose filesystem blkid has to tell.
 */
public final class HostFsck {

    /** One image's check: filesystem type ("" when none), exit status, whether it is clean, the output. */
    public record Result(Path image, String fs, int exit, boolean clean, boolean checked, String output) {
        public String title() {
            return "fsck: " + fs + " on " + image.getFileName() + " exit " + exit;
        }
    }

    private HostFsck() {
    }

    public static List<Result> check(List<Path> images) throws IOException {
        List<Result> out = new ArrayList<>();
        for (Path img : images) {
            Processes.Result b = Processes.runMerged(List.of("blkid", "-p", "-o", "export", img.toString()), null, 60);
            String fs = "";
            int devices = 1;
            for (String l : b.output().split("\n")) {
                if (l.startsWith("TYPE=")) {
                    fs = l.substring(5).trim();
                }
            }
            if (fs.isEmpty()) {
                out.add(new Result(img, "", 0, true, false, "no filesystem on the image (never formatted)\n" + b.output()));
                continue;
            }
            List<String> cmd = switch (fs) {
                case "ext2", "ext3", "ext4" -> List.of("e2fsck", "-fn", img.toString());
                case "xfs" -> List.of("xfs_repair", "-n", "-f", img.toString());
                case "btrfs" -> List.of("btrfs", "check", "--readonly", img.toString());
                default -> null;
            };
            if (cmd == null) {
                out.add(new Result(img, fs, 0, true, false, "no checker for " + fs));
                continue;
            }
            Processes.Result r = Processes.runMerged(cmd, null, 600);
            String text = String.join(" ", cmd) + "\n" + r.output();
            if (fs.equals("btrfs") && r.exitCode() != 0 && (r.output().contains("missing") || r.output().contains("open_ctree failed"))) {
                // A member of a multi-device filesystem: not checkable alone.
                out.add(new Result(img, fs, r.exitCode(), true, false, text + "\n(not checked on the host: multi-device btrfs)"));
                continue;
            }
            out.add(new Result(img, fs, r.exitCode(), r.exitCode() == 0, true, text));
        }
        return out;
    }
}
