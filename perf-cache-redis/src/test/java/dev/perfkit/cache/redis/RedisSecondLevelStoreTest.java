package dev.perfkit.cache.redis;

import dev.perfkit.cache.spi.SecondLevelStore;
import dev.perfkit.testsupport.contract.SecondLevelStoreContract;

/** The SPI contract, seeded stress included, against the real Redis. */
class RedisSecondLevelStoreTest extends SecondLevelStoreContract {
    @Override
    protected SecondLevelStore<String, String> newStore() {
        return TestRedis.store(new RedisCounters());
    }
}
