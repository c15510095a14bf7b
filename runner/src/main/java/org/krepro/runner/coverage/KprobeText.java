package org.krepro.runner.coverage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text formats of the kernel's kprobe interface and symbol table, parsed: {@code kprobe_events}
 * ({@code p:GROUP/EVENT SYMBOL[+OFFS] [args]}), {@code kprobe_profile} ({@code EVENT HITS MISSES}, the
 * event name without its group), {@code /proc/kallsyms} ({@code ADDR TYPE NAME [MODULE]}) and the
 * {@code error_log} of tracefs.
 */
final class KprobeText {
    private KprobeText() {
    }

    /** One line of kprobe_events. */
    record Probe(char type, String group, String event, String target) {
    }

    /** One line of kprobe_profile. */
    record Profile(String event, long hits, long misses) {
    }

    static List<Probe> parseEvents(String text) {
        List<Probe> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.trim();
            int colon = l.indexOf(':');
            int slash = l.indexOf('/');
            // "p:" or "r:", or "rN:" for a return probe with maxactive N
            if (l.isEmpty() || colon < 1 || slash < colon || !l.substring(0, colon).matches("[pr]\\d*")) {
                continue;
            }
            String[] rest = l.substring(slash + 1).split("\\s+");
            out.add(new Probe(l.charAt(0), l.substring(colon + 1, slash), rest[0], rest.length > 1 ? rest[1] : ""));
        }
        return out;
    }

    static List<Profile> parseProfile(String text) {
        List<Profile> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                out.add(new Profile(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return out;
    }

    /**
     * Hits of the probes of {@code group}, by event name. kprobe_profile names events without their
     * group, but lists the same probes in the same order as kprobe_events (both walk the kernel's one
     * list of dynamic events), so the two are read side by side; when they do not line up (a probe
     * added or removed between the two reads) an event name that only this group uses is still taken.
     */
    static Map<String, Long> hitsOf(String group, String eventsText, String profileText) {
        List<Probe> probes = parseEvents(eventsText).stream().filter(p -> p.type() == 'p' || p.type() == 'r').toList();
        List<Profile> profile = parseProfile(profileText);
        Map<String, Long> out = new HashMap<>();
        boolean aligned = probes.size() == profile.size();
        for (int i = 0; aligned && i < probes.size(); i++) {
            aligned = probes.get(i).event().equals(profile.get(i).event());
        }
        if (aligned) {
            for (int i = 0; i < probes.size(); i++) {
                if (probes.get(i).group().equals(group)) {
                    out.put(probes.get(i).event(), profile.get(i).hits());
                }
            }
            return out;
        }
        Map<String, Integer> uses = new HashMap<>();
        probes.forEach(p -> uses.merge(p.event(), 1, Integer::sum));
        Map<String, Long> byName = new HashMap<>();
        Map<String, Integer> profileUses = new HashMap<>();
        for (Profile p : profile) {
            byName.put(p.event(), p.hits());
            profileUses.merge(p.event(), 1, Integer::sum);
        }
        for (Probe p : probes) {
            if (p.group().equals(group) && uses.get(p.event()) == 1 && profileUses.getOrDefault(p.event(), 0) == 1) {
                out.put(p.event(), byName.get(p.event()));
            }
        }
        return out;
    }

    /** What /proc/kallsyms says of each wanted function: a text symbol of that name, only compiler clones of it (name.isra.0...), or nothing. */
    enum Presence { PRESENT, CLONES_ONLY, ABSENT }

    static Map<String, Presence> lookUp(Iterable<String> kallsymsLines, Set<String> wanted) {
        Map<String, Presence> out = new HashMap<>();
        wanted.forEach(w -> out.put(w, Presence.ABSENT));
        for (String line : kallsymsLines) {
            int a = line.indexOf(' ');
            int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
            if (b < 0 || b != a + 2) {
                continue;
            }
            char type = Character.toLowerCase(line.charAt(a + 1));
            if (type != 't' && type != 'w') {
                continue;
            }
            int end = line.indexOf('\t', b + 1);
            int space = line.indexOf(' ', b + 1);
            if (end < 0 || (space >= 0 && space < end)) {
                end = space;
            }
            String name = end < 0 ? line.substring(b + 1) : line.substring(b + 1, end);
            if (out.containsKey(name)) {
                out.put(name, Presence.PRESENT);
            } else {
                int dot = name.indexOf('.');
                if (dot > 0) {
                    String base = name.substring(0, dot);
                    if (out.get(base) == Presence.ABSENT) {
                        out.put(base, Presence.CLONES_ONLY);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The reason tracefs logged for refusing {@code command} (the "error:" line before its "Command:"
     * line in error_log), or "" when it logged none.
     */
    static String errorFor(String errorLog, String command) {
        String[] lines = errorLog.split("\n");
        String reason = "";
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].trim().startsWith("Command:") && lines[i].contains(command)) {
                String prev = lines[i - 1];
                int e = prev.indexOf("error:");
                reason = e >= 0 ? prev.substring(e + "error:".length()).trim() : prev.trim();
            }
        }
        return reason;
    }

    /** The probe groups named {@code prefix<pid>} in kprobe_events whose pid is not a live process, in order. */
    static List<String> staleGroups(String eventsText, String prefix, java.util.function.LongPredicate alive) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Probe p : parseEvents(eventsText)) {
            String g = p.group();
            if (g.startsWith(prefix) && g.length() > prefix.length() && g.substring(prefix.length()).matches("\\d{1,18}")
                    && !alive.test(Long.parseLong(g.substring(prefix.length())))) {
                out.add(g);
            }
        }
        return List.copyOf(out);
    }

    /** An event (or group) name tracefs accepts: letters, digits and '_', not starting with a digit, at most 63 characters. */
    static String eventName(String function) {
        String s = function.replaceAll("[^A-Za-z0-9_]", "_");
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            s = "_" + s;
        }
        return s.length() > 63 ? s.substring(0, 63) : s;
    }
}
