package dev.perfkit.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code fingerprint-corpus.sql}: groups of statements with their expected grouping. */
final class FingerprintCorpus {
    /** One group: statements that share a fingerprint; {@code postgres} if PostgreSQL groups them too. */
    record Group(String name, boolean postgres, List<String> statements) {}

    private FingerprintCorpus() {}

    static List<Group> groups() {
        String text;
        try (InputStream in = FingerprintCorpus.class.getResourceAsStream("fingerprint-corpus.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Group> groups = new ArrayList<>();
        String name = null;
        boolean postgres = false;
        List<String> statements = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("-- group [")) {
                if (name != null) {
                    groups.add(new Group(name, postgres, statements));
                }
                postgres = line.startsWith("-- group [pg]");
                name = line.substring(line.indexOf(':') + 1).strip();
                statements = new ArrayList<>();
            } else if (!line.isBlank() && !line.startsWith("-- ") && name != null) {
                statements.add(line);
            }
        }
        groups.add(new Group(name, postgres, statements));
        return groups;
    }
}
