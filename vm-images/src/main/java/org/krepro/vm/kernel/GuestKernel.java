package org.krepro.vm.kernel;

import java.nio.file.Path;
import java.util.List;

/**
 * A kernel a guest boots.
 *
 * @param spec       what the user asked for ("debian:6.12.115+deb12-cloud-amd64", "knockout:004" or a path)
 * @param release    its release string (uname -r), from the package, the build tree or the image
 * @param image      the bzImage / vmlinuz
 * @param modulesDir lib/modules/RELEASE (with modules.builtin and, after depmod, modules.dep), or a build
 *                   tree holding modules.order and the .ko files; null when there are no modules
 * @param config     the kernel .config, or null when unknown
 * @param label      the name it goes by in reports: the release, or a knock-out's name
 *                   (6.12.118+krepro-ko004), whose release is the stock one it was built on
 * @param cmdline    kernel command line parameters this kernel always boots with (a knock-out's knobs)
 */
public record GuestKernel(String spec, String release, Path image, Path modulesDir, Path config, String label,
                          List<String> cmdline) {

    public GuestKernel {
        label = label == null || label.isBlank() ? release : label;
        cmdline = cmdline == null ? List.of() : List.copyOf(cmdline);
    }

    public GuestKernel(String spec, String release, Path image, Path modulesDir, Path config) {
        this(spec, release, image, modulesDir, config, release, List.of());
    }

    /** A short name usable as a directory name and a JUnit/HTML label. */
    @Override
    public String label() {
        return label;
    }
}
