package org.krepro.runner.cli;

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
        CommandLine cl = new CommandLine(new Main());
        ServiceLoader.load(KreproCommand.class).stream()
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
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"krepro " + org.krepro.runner.Version.get(), "java " + Runtime.version()};
        }
    }
}
