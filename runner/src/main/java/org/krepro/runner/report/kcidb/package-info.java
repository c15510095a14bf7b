/**
 * krepro's results as a KernelCI KCIDB report ({@code krepro export --kcidb}, {@code --kcidb FILE} on run):
 * written to a file, never sent, since submitting needs KernelCI credentials.
 */
package org.krepro.runner.report.kcidb;
