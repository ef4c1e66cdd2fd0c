package dev.perfkit.assets.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Parsed command-line arguments: a command and its {@code --option value} pairs, checked against the contract. */
record CliArgs(String command, Map<String, String> options) {
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "process", Set.of("--in", "--out", "--cdn-base"),
            "serve", Set.of("--dir", "--port"));
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            "process", Set.of("--in", "--out"),
            "serve", Set.of("--dir"));

    static CliArgs parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing command");
        }
        String command = args[0];
        Set<String> allowed = ALLOWED.get(command);
        if (allowed == null) {
            throw new IllegalArgumentException("unknown command: " + command);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i];
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown option for " + command + ": " + name);
            }
            if (i + 1 >= args.length || args[i + 1].isEmpty()) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            if (options.put(name, args[i + 1]) != null) {
                throw new IllegalArgumentException("option " + name + " given twice");
            }
        }
        for (String required : REQUIRED.getOrDefault(command, Set.of())) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing option " + required + " for " + command);
            }
        }
        String port = options.get("--port");
        if (port != null && (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535)) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, but was " + port);
        }
        return new CliArgs(command, Map.copyOf(options));
    }

    @Nullable
    String value(String name) {
        return options.get(name);
    }

    Path path(String name) {
        return Path.of(options.get(name));
    }

    int port() {
        String port = options.get("--port");
        return port == null ? 0 : Integer.parseInt(port);
    }
}
