package org.krepro.vm;

import java.nio.file.Path;

/**
 * A kernel a guest boots.
 *
 * @param spec       what the user asked for ("debian:6.12.115+deb12-cloud-amd64" or a path)
 * @param release    its release string (uname -r), from the package, the build tree or the image
 * @param image      the bzImage / vmlinuz
 * @param modulesDir lib/modules/RELEASE (with modules.builtin and, after depmod, modules.dep), or a build
 *                   tree holding modules.order and the .ko files; null when there are no modules
 * @param config     the kernel .config, or null when unknown
 */
public record GuestKernel(String spec, String release, Path image, Path modulesDir, Path config) {

    /** A short name usable as a directory name and a JUnit/HTML label. */
    public String label() {
        return release;
    }
}
