package org.krepro.vm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.vm.VmCache;

/** Kernel resolution and module order: no QEMU (a cached or fetched Debian kernel). */
class KernelsUnitTest {

    @Tag("root")
    @Test
    void kernelFromAPathWithAModulesDirLoadsXfsAndBtrfsAfterTheirDependencies() throws Exception {
        // a 6.1 Debian kernel (plain .ko modules), fetched like the guest tests fetch theirs, then named
        // the other way: a bzImage path plus a modules directory
        Kernels kernels = new Kernels(VmCache.defaultCache());
        GuestKernel deb = kernels.resolve(kernels.pinnedOrNewest("debian:6.1.0-56-cloud-amd64", "debian:6\\.1\\.0-\\d+-cloud-amd64"), null);
        GuestKernel k = kernels.resolve(deb.image().toString(), deb.modulesDir());
        assertEquals(deb.release(), k.release());
        assertTrue(k.release().startsWith("6.1.0-"), k.release());
        KernelModules km = KernelModules.of(k);
        assertEquals(KernelModules.Status.BUILTIN, km.status("nvme"));
        assertEquals(KernelModules.Status.BUILTIN, km.status("ext4"));
        assertEquals(KernelModules.Status.MODULE, km.status("xfs"));
        List<String> order = km.loadOrder(KernelModules.WANTED).stream().map(KernelModules::nameOf).toList();
        assertTrue(order.indexOf("libcrc32c") < order.indexOf("xfs"), order.toString());
        assertTrue(order.indexOf("raid6_pq") < order.indexOf("btrfs") && order.indexOf("xor") < order.indexOf("btrfs"), order.toString());
        assertTrue(order.indexOf("virtio") < order.indexOf("virtio_blk"), order.toString());

        // an ext4 run loads neither xfs nor btrfs (nor what only they need); a btrfs run loads btrfs's own
        List<String> ext4 = km.loadOrder(KernelModules.wantedFor(java.util.Set.of("ext4"))).stream().map(KernelModules::nameOf).toList();
        assertTrue(!ext4.contains("xfs") && !ext4.contains("btrfs") && !ext4.contains("raid6_pq"), ext4.toString());
        List<String> btrfs = km.loadOrder(KernelModules.wantedFor(java.util.Set.of("btrfs"))).stream().map(KernelModules::nameOf).toList();
        assertTrue(btrfs.contains("btrfs") && btrfs.contains("raid6_pq") && !btrfs.contains("xfs"), btrfs.toString());
    }

    @Test
    void aRunWithoutFilesystemsOrWithAnUnknownOneWantsEverything() {
        assertEquals(KernelModules.WANTED, KernelModules.wantedFor(java.util.Set.of()));
        assertEquals(KernelModules.WANTED, KernelModules.wantedFor(java.util.Set.of("ext4", "zfs")));
        List<String> xfs = KernelModules.wantedFor(java.util.Set.of("xfs"));
        assertTrue(xfs.containsAll(KernelModules.DRIVERS) && xfs.contains("xfs") && !xfs.contains("btrfs"), xfs.toString());
        // the guest mounts its results and java disks as ext4, whatever the run tests
        assertTrue(xfs.contains("ext4"), xfs.toString());
    }

    @Test
    void kernelVersionsSortNumerically() {
        assertTrue(Kernels.compareVersions("debian:6.1.0-9-cloud-amd64", "debian:6.1.0-56-cloud-amd64") < 0);
        assertTrue(Kernels.compareVersions("debian:6.12.9+deb12-cloud-amd64", "debian:6.12.115+deb12-cloud-amd64") < 0);
        assertTrue(Kernels.compareVersions("debian:6.1.0-56-cloud-amd64", "debian:6.12.1+deb12-cloud-amd64") < 0);
    }
}
