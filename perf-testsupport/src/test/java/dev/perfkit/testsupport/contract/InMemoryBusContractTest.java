package dev.perfkit.testsupport.contract;

import dev.perfkit.cache.InMemoryBus;
import dev.perfkit.cache.spi.InvalidationBus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** perf-cache's in-memory bus passes the contract every bus passes; one bus object per channel. */
class InMemoryBusContractTest extends InvalidationBusContract {
    private final Map<String, InMemoryBus<String>> channels = new ConcurrentHashMap<>();

    @Override
    protected InvalidationBus<String> newBus(String channel) {
        return channels.computeIfAbsent(channel, c -> new InMemoryBus<>());
    }

    @Override
    protected boolean interruptDelivery(InvalidationBus<String> bus) {
        ((InMemoryBus<String>) bus).reconnected();
        return true;
    }
}
