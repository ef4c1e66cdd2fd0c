package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.db.internal.SqlLexer;
import dev.perfkit.db.internal.SqlToken;
import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The corpus' claims about PostgreSQL, checked with its own query identifier (compute_query_id). */
class SqlFingerprintCorpusIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void postgresGroupsTheCorpusAsItsLabelsSay() throws Exception {
        Map<String, Set<Long>> idsByGroup = new HashMap<>();
        Map<String, Integer> explained = new HashMap<>();
        try (Connection c = PG.database().dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("create table fp_t (id int primary key, a int, b text, flag boolean, created timestamp)");
            st.execute("create table fp_u (id int primary key, t_id int, note text)");
            st.execute("set compute_query_id = on");
            for (FingerprintCorpus.Group group : FingerprintCorpus.groups()) {
                Set<Long> ids = new TreeSet<>();
                for (String sql : group.statements()) {
                    if (hasParameters(sql)) {
                        continue; // bind markers: PostgreSQL cannot explain them without their values
                    }
                    ids.add(queryId(st, sql));
                    explained.merge(group.name(), 1, Integer::sum);
                }
                idsByGroup.put(group.name(), ids);
            }
        }
        List<String> disagreements = new ArrayList<>();
        Map<Long, String> owner = new HashMap<>();
        for (FingerprintCorpus.Group group : FingerprintCorpus.groups()) {
            Set<Long> ids = idsByGroup.get(group.name());
            if (group.postgres() && ids.size() != 1) {
                disagreements.add("PostgreSQL splits [pg] group '" + group.name() + "': " + ids);
            }
            if (!group.postgres() && ids.size() == 1 && explained.getOrDefault(group.name(), 0) > 1) {
                disagreements.add("PostgreSQL also merges [merge] group '" + group.name() + "'");
            }
            for (Long id : ids) {
                String other = owner.put(id, group.name());
                if (other != null && !other.equals(group.name())) {
                    disagreements.add("PostgreSQL merges '" + other + "' and '" + group.name() + "'");
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static boolean hasParameters(String sql) {
        return SqlLexer.tokens(sql).stream()
                .anyMatch(t -> t.kind() == SqlToken.Kind.BIND_MARKER
                        || t.kind() == SqlToken.Kind.POSITIONAL_PARAMETER
                        || t.kind() == SqlToken.Kind.NAMED_PARAMETER);
    }

    private static long queryId(Statement st, String sql) throws SQLException {
        String statement =
                sql.strip().endsWith(";") ? sql.strip().substring(0, sql.strip().length() - 1) : sql;
        try (ResultSet rs = st.executeQuery("explain (verbose, format json) " + statement)) {
            rs.next();
            try {
                return new ObjectMapper()
                        .readTree(rs.getString(1))
                        .get(0)
                        .get("Query Identifier")
                        .asLong();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
