package dev.perfkit.db;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded cache from SQL text to fingerprint, so the hot path tokenizes each distinct string once.
 * When full it is cleared (cheap, and the working set refills at once); SQL longer than 8 KiB is not cached.
 */
final class FingerprintCache {
    private static final int MAX_CACHED_SQL_LENGTH = 8192;
    private final int capacity;
    private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();

    FingerprintCache(int capacity) {
        this.capacity = capacity;
    }

    String get(String sql) {
        String cached = map.get(sql);
        if (cached != null) {
            return cached;
        }
        String fingerprint = SqlFingerprint.of(sql);
        if (sql.length() <= MAX_CACHED_SQL_LENGTH) {
            if (map.size() >= capacity) {
                map.clear();
            }
            map.put(sql, fingerprint);
        }
        return fingerprint;
    }

    int size() {
        return map.size();
    }
}
