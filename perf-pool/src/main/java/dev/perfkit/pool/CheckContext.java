package dev.perfkit.pool;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ConfigChecks} knows beyond the pool configuration: the server's idle cuts, the network's idle cut,
 * the request deadline, the instance count and the database's connection limits.
 *
 * <pre>{@code
 * CheckContext context = CheckContext.builder()
 *     .serverTimeouts(ServerTimeouts.read(dataSource))
 *     .networkIdleTimeout(Duration.ofMinutes(5))      // e.g. an AWS NAT gateway cuts at 350 s
 *     .requestDeadline(Duration.ofSeconds(3))
 *     .applicationInstances(4)
 *     .databaseLimits(DatabaseLimits.read(dataSource), "orders-api")
 *     .build();
 * }</pre>
 *
 * @param serverTimeouts the database's idle cuts
 * @param networkIdleTimeout idle cut of a firewall, NAT or proxy on the way, zero when none or unknown
 * @param requestDeadline how long a request may take in all, zero when unknown
 * @param applicationInstances instances sharing the database, at least 1
 * @param limits the database's limits, or null when unknown
 * @param applicationName this application's name in {@code limits}
 */
public record CheckContext(
        ServerTimeouts serverTimeouts,
        Duration networkIdleTimeout,
        Duration requestDeadline,
        int applicationInstances,
        @Nullable DatabaseLimits limits,
        String applicationName) {

    /** Nothing known beyond the configuration. */
    public static final CheckContext EMPTY = builder().build();

    /**
     * @throws IllegalArgumentException when a duration is negative or instances below 1
     * @throws NullPointerException when a value other than limits is null
     */
    public CheckContext {
        Objects.requireNonNull(serverTimeouts, "serverTimeouts");
        notNegative("networkIdleTimeout", networkIdleTimeout);
        notNegative("requestDeadline", requestDeadline);
        SizingInputs.range("applicationInstances", applicationInstances, 1, 100_000);
        Objects.requireNonNull(applicationName, "applicationName");
    }

    /** A builder where nothing is known. */
    public static Builder builder() {
        return new Builder();
    }

    private static void notNegative(String name, Duration value) {
        if (Objects.requireNonNull(value, name).isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (unknown) or above, but was " + value);
        }
    }

    /** Builds a {@link CheckContext}; each setter checks its value at once. */
    public static final class Builder {
        private ServerTimeouts server = ServerTimeouts.NONE;
        private Duration network = Duration.ZERO;
        private Duration deadline = Duration.ZERO;
        private int instances = 1;
        private @Nullable DatabaseLimits limits;
        private String application = "";

        private Builder() {}

        /** The database's idle cuts, e.g. from {@link ServerTimeouts#read}. */
        public Builder serverTimeouts(ServerTimeouts value) {
            server = Objects.requireNonNull(value, "serverTimeouts");
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder networkIdleTimeout(Duration value) {
            notNegative("networkIdleTimeout", value);
            network = value;
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder requestDeadline(Duration value) {
            notNegative("requestDeadline", value);
            deadline = value;
            return this;
        }

        /** @throws IllegalArgumentException unless 1 to 100000 */
        public Builder applicationInstances(int value) {
            instances = SizingInputs.range("applicationInstances", value, 1, 100_000);
            return this;
        }

        /** The database's limits and this application's name in them. */
        public Builder databaseLimits(DatabaseLimits value, String applicationName) {
            limits = Objects.requireNonNull(value, "limits");
            application = Objects.requireNonNull(applicationName, "applicationName");
            return this;
        }

        /** The context. */
        public CheckContext build() {
            return new CheckContext(server, network, deadline, instances, limits, application);
        }
    }
}
