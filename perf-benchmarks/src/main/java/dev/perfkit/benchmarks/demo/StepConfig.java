package dev.perfkit.benchmarks.demo;

/**
 * What one step of the demo switches on. Each step keeps what the steps before it switched on.
 *
 * @param name the step's name in the table
 * @param summary one line on what changed
 * @param keyset keyset pagination instead of OFFSET
 * @param batched one batched query instead of the N+1 loop
 * @param preset perf-pool's preset and measured size instead of HikariCP's defaults
 * @param appCache perf-cache cache-aside for hot reads, invalidated after commit
 * @param instances how many app instances share the load (2 with Redis)
 * @param redis the cache's second level and invalidation bus in Redis
 * @param assets perf-assets' fingerprinted, precompressed assets instead of plain static files
 */
record StepConfig(
        String name,
        String summary,
        boolean keyset,
        boolean batched,
        boolean preset,
        boolean appCache,
        int instances,
        boolean redis,
        boolean assets) {}
