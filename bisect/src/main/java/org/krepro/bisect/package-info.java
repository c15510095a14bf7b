/** Bisecting with reproducers: {@code krepro bisect-run} for git bisect run, {@code krepro bisect} over prebuilt kernels. */
package org.krepro.bisect;
