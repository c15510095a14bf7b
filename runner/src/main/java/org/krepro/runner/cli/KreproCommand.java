package org.krepro.runner.cli;

/**
 * A picocli subcommand of {@code krepro}. Modules contribute subcommands by implementing this
 * interface on a {@code @Command}-annotated class with a public no-argument constructor and listing
 * it in {@code META-INF/services/org.krepro.runner.cli.KreproCommand}; {@link Main} finds them with
 * {@link java.util.ServiceLoader}, so the runner does not depend on the modules built on top of it.
 */
public interface KreproCommand {
}
