package org.krepro.runner.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.krepro.runner.engine.Reproducers;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krepro list}: every reproducer and control with what it declares. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the reproducers and controls with their filesystems, option sets, syscalls and known fixes.")
public final class ListCommand implements Callable<Integer>, KreproCommand {

    @Option(names = "--json", description = "Print one JSON array with everything each reproducer declares.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Reproducer> all = Reproducers.all();
        if (json) {
            ArrayNode arr = RunResults.json().createArrayNode();
            for (Reproducer r : all) {
                arr.add(toJson(r.info()));
            }
            System.out.println(RunResults.json().writeValueAsString(arr));
            return ExitCodes.ALL_PASSED;
        }
        System.out.printf("%-30s %-6s %-9s %s%n", "ID", "CRASH?", "BUDGET", "FILESYSTEMS / TITLE");
        for (Reproducer r : all) {
            ReproducerInfo i = r.info();
            String configs = i.configs().stream().map(FsConfig::label).collect(Collectors.joining(" "));
            System.out.printf("%-30s %-6s %-9s %s%n%-48s %s%n", i.id(), i.mayCrashKernel() ? "yes" : "no",
                    i.defaultDuration().toSeconds() + "s", configs, "", i.title());
            if (!i.racePath().isEmpty()) {
                System.out.printf("%-48s race path: %s%n", "", String.join(", ", i.racePath()));
            }
        }
        return ExitCodes.ALL_PASSED;
    }

    static ObjectNode toJson(ReproducerInfo i) {
        ObjectNode o = RunResults.json().createObjectNode();
        o.put("id", i.id());
        o.put("title", i.title());
        o.put("seed_file", i.seedFile());
        o.put("may_crash_kernel", i.mayCrashKernel());
        o.put("default_duration_seconds", i.defaultDuration().toSeconds());
        ArrayNode sys = o.putArray("syscalls");
        i.syscalls().forEach(sys::add);
        ArrayNode fixed = o.putArray("known_fixed_in");
        i.knownFixedIn().forEach(fixed::add);
        ArrayNode sig = o.putArray("expected_signatures");
        i.expectedSignatures().forEach(sig::add);
        ArrayNode race = o.putArray("race_path");
        i.racePath().forEach(race::add);
        ArrayNode setUp = o.putArray("set_up_messages");
        i.setUpMessages().forEach(setUp::add);
        ArrayNode cfgs = o.putArray("configs");
        for (FsConfig c : i.configs()) {
            ObjectNode n = cfgs.addObject();
            n.put("fs", c.fs().id());
            n.put("name", c.name());
            ArrayNode mk = n.putArray("mkfs_options");
            c.mkfsOptions().forEach(mk::add);
            ArrayNode mo = n.putArray("mount_options");
            c.mountOptions().forEach(mo::add);
            n.put("devices", c.devices());
            n.put("device_bytes", c.deviceBytes());
            n.put("loop_direct_io", c.loopDirectIo());
        }
        return o;
    }
}
