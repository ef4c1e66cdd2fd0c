package dev.perfkit.cache.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the logs of {@link CacheProcess} soaks: a read that began at {@code t} and returned version {@code v} is
 * stale by {@code t - c}, where {@code c} is the commit time of the earliest write of a newer version committed
 * before {@code t}. A read stale by more than the window is a violation.
 */
final class StalenessChecker {
    private final Map<String, TreeMap<Long, Long>> commits = new HashMap<>(); // key -> version -> commit time
    private final List<long[]> reads = new ArrayList<>();
    private final List<String> readKeys = new ArrayList<>();
    private final List<String> stats = new ArrayList<>();

    void load(Path log) throws IOException {
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split(" ", -1);
            switch (f[0]) {
                case "W" ->
                    commits.computeIfAbsent(f[1], k -> new TreeMap<>()).put(Long.parseLong(f[2]), Long.parseLong(f[3]));
                case "R" -> {
                    readKeys.add(f[1]);
                    reads.add(new long[] {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])});
                }
                case "S" -> stats.add(line.substring(2));
                default -> {} // a JVM's own output
            }
        }
    }

    int reads() {
        return reads.size();
    }

    int writes() {
        return commits.values().stream().mapToInt(Map::size).sum();
    }

    List<String> stats() {
        return stats;
    }

    /** Returns {violations, largest staleness in ms}. */
    long[] check(long windowMillis) {
        long violations = 0;
        long largest = 0;
        for (int i = 0; i < reads.size(); i++) {
            long[] read = reads.get(i);
            TreeMap<Long, Long> writes = commits.getOrDefault(readKeys.get(i), new TreeMap<>());
            long firstNewerCommit = Long.MAX_VALUE;
            for (Map.Entry<Long, Long> write : writes.tailMap(read[0], false).entrySet()) {
                firstNewerCommit = Math.min(firstNewerCommit, write.getValue());
            }
            if (firstNewerCommit < read[1]) {
                long staleness = read[1] - firstNewerCommit;
                largest = Math.max(largest, staleness);
                if (staleness > windowMillis) {
                    violations++;
                }
            }
        }
        return new long[] {violations, largest};
    }
}
