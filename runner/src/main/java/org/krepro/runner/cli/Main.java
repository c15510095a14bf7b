package org.krepro.runner.cli;

import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code krepro}: subcommands come from every module on the class path. */
@Command(name = "krepro",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Runs reproducers of documented Linux kernel filesystem/mm bugs against real ext4, xfs and"
                + " btrfs images and judges each run by the data on disk, fsck and the kernel log.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:all tests passed (or were skipped with a reason)",
                "1:a reproducer failed: a finding was detected",
                "2:usage error: a wrong option or argument (one sentence says which)",
                "3:environment not usable: not root, no loop devices, a tool missing, a busy or non-blank device,"
                        + " a full or unwritable directory, another run holding the kernel-log lock",
                "4:internal error: a test ended ERROR, or krepro itself failed (stack trace in krepro.log)"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with every subcommand found through {@link ServiceLoader}. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * Builds the command line for {@code args}: when the first argument names a subcommand, with that
     * one only (picocli reads every registered command's annotations up front: a quarter of a second
     * here, several seconds in a guest under TCG, where krepro always starts as {@code run}); else with
     * every subcommand found through {@link ServiceLoader}, for help, version and mistakes.
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        List<ServiceLoader.Provider<KreproCommand>> providers = ServiceLoader.load(KreproCommand.class).stream().toList();
        String first = args.length > 0 ? args[0] : "";
        List<ServiceLoader.Provider<KreproCommand>> named = providers.stream()
                .filter(p -> names(p.type()).contains(first)).toList();
        (named.size() == 1 ? named : providers).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(c -> c.getClass().getAnnotation(Command.class).name()))
                .forEach(cl::addSubcommand);
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(t -> ErrorHandler.classify(t).exitCode());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The name and aliases a subcommand class declares. */
    private static List<String> names(Class<?> type) {
        Command c = type.getAnnotation(Command.class);
        if (c == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>(List.of(c.aliases()));
        out.add(c.name());
        return out;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"krepro " + org.krepro.runner.Version.get(), "java " + Runtime.version()};
        }
    }
}
