package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlFingerprintCorpusTest {

    @Test
    void statementsOfOneGroupShareOneFingerprintAndGroupsNeverShare() {
        List<FingerprintCorpus.Group> groups = FingerprintCorpus.groups();
        assertThat(groups).hasSizeGreaterThan(20);
        Map<String, String> owner = new HashMap<>();
        for (FingerprintCorpus.Group group : groups) {
            String expected = SqlFingerprint.of(group.statements().get(0));
            for (String sql : group.statements()) {
                assertThat(SqlFingerprint.of(sql))
                        .as("%s: %s", group.name(), sql)
                        .isEqualTo(expected);
            }
            String previous = owner.put(expected, group.name());
            assertThat(previous)
                    .as("fingerprint %s of '%s'", expected, group.name())
                    .isNull();
        }
    }
}
