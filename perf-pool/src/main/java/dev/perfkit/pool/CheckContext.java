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
 */
public final class CheckContext {
    private final ServerTimeouts serverTimeouts;
    private final Duration networkIdleTimeout;
    private final Duration requestDeadline;
    private final int applicationInstances;
    private final @Nullable DatabaseLimits limits;
    private final String applicationName;

    /** Nothing known beyond the configuration. */
    public static final CheckContext EMPTY = builder().build();

    private CheckContext(Builder b) {
        serverTimeouts = b.server;
        networkIdleTimeout = b.network;
        requestDeadline = b.deadline;
        applicationInstances = b.instances;
        limits = b.limits;
        applicationName = b.application;
    }

    /** The database's idle cuts. */
    public ServerTimeouts serverTimeouts() {
        return serverTimeouts;
    }

    /** Idle cut of a firewall, NAT or proxy on the way, zero when none or unknown. */
    public Duration networkIdleTimeout() {
        return networkIdleTimeout;
    }

    /** How long a request may take in all, zero when unknown. */
    public Duration requestDeadline() {
        return requestDeadline;
    }

    /** Instances sharing the database, at least 1. */
    public int applicationInstances() {
        return applicationInstances;
    }

    /** The database's limits, or null when unknown. */
    public @Nullable DatabaseLimits limits() {
        return limits;
    }

    /** This application's name in {@link #limits()}, empty when not given. */
    public String applicationName() {
        return applicationName;
    }

    /** A builder holding this context, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.server = serverTimeouts;
        b.network = networkIdleTimeout;
        b.deadline = requestDeadline;
        b.instances = applicationInstances;
        b.limits = limits;
        b.application = applicationName;
        return b;
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

        /**
         * The database's limits and this application's name in them (its ApplicationName on PostgreSQL, its user on
         * MySQL); an empty name means "the name the pool's connections carry", which {@link ConfigChecks#checkLive}
         * reads live.
         */
        public Builder databaseLimits(DatabaseLimits value, String applicationName) {
            limits = Objects.requireNonNull(value, "limits");
            application = Objects.requireNonNull(applicationName, "applicationName");
            return this;
        }

        /** The context. */
        public CheckContext build() {
            return new CheckContext(this);
        }
    }
}
