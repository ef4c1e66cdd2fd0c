package dev.perfkit.metrics;

import java.util.Objects;

/** Checks of the names that become tag values. */
final class Names {
    private Names() {}

    static String checked(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException(what + " must be 1 to 100 non-blank characters, but was '" + name + "'");
        }
        return name;
    }
}
