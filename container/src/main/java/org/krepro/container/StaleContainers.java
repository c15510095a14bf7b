package org.krepro.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.krepro.runner.device.OwnerProcess;

/**
 * krepro's containers carry labels naming the host process that started them (pid and start time, as the
 * runner's state records do) and its work directory. Without Ryuk nothing removes a container whose host
 * process was killed; the next {@code krepro container} on the same work directory does, before the
 * workspace detaches the loop devices that container held.
 */
public final class StaleContainers {
    public static final String LABEL = "org.krepro.container";
    public static final String LABEL_OWNER = "org.krepro.owner";
    public static final String LABEL_WORK_DIR = "org.krepro.work-dir";

    private StaleContainers() {
    }

    /** The labels of a container started by this process for that work directory. */
    public static Map<String, String> labels(String workDir) {
        OwnerProcess me = OwnerProcess.current();
        return Map.of(LABEL, "1", LABEL_OWNER, me.pid() + ":" + me.startTime(), LABEL_WORK_DIR, workDir);
    }

    /** Every container (running or not) with krepro's label. */
    public static List<Container> all(DockerClient docker) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, "1")).exec();
    }

    static boolean ownerAlive(Container c) {
        String owner = c.getLabels() == null ? null : c.getLabels().get(LABEL_OWNER);
        if (owner == null || !owner.matches("\\d+:\\d+")) {
            return false;
        }
        String[] p = owner.split(":");
        return new OwnerProcess(Long.parseLong(p[0]), Long.parseLong(p[1])).isAlive();
    }

    /**
     * Kills and removes krepro's containers of {@code workDir} whose owner process is dead.
     *
     * @return one line per container removed
     */
    public static List<String> clean(DockerClient docker, String workDir, Consumer<String> log) {
        List<String> actions = new ArrayList<>();
        for (Container c : all(docker)) {
            String wd = c.getLabels() == null ? null : c.getLabels().get(LABEL_WORK_DIR);
            if (!workDir.equals(wd) || ownerAlive(c)) {
                continue;
            }
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                String line = "removed container " + c.getId().substring(0, 12) + " (" + c.getState() + ") left by dead "
                        + c.getLabels().get(LABEL_OWNER);
                actions.add(line);
                log.accept(line);
            } catch (NotFoundException e) {
                // gone meanwhile
            }
        }
        return actions;
    }
}
