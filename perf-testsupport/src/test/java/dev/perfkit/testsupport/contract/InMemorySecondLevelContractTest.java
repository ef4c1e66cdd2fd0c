package dev.perfkit.testsupport.contract;

import dev.perfkit.cache.InMemorySecondLevel;
import dev.perfkit.cache.spi.SecondLevelStore;

/** perf-cache's in-memory second level passes the contract every store passes. */
class InMemorySecondLevelContractTest extends SecondLevelStoreContract {
    @Override
    protected SecondLevelStore<String, String> newStore() {
        return new InMemorySecondLevel<>();
    }
}
