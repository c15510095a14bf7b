/** Container mode: the guest userspace as a container on the host kernel, through Testcontainers. */
package org.krepro.container;
