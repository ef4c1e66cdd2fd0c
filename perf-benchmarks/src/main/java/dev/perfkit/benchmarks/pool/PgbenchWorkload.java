package dev.perfkit.benchmarks.pool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * A pgbench-like TPC-B transaction: three updates (account, teller, branch), a select and an insert into
 * history, in one transaction. Tables are generated like {@code pgbench -i}, with {@code BRANCHES} branches,
 * 10 tellers and {@code ACCOUNTS_PER_BRANCH} accounts per branch (more branches than pgbench's scale 1 so
 * 64 clients do not all queue on one branch row).
 */
final class PgbenchWorkload {
    static final int BRANCHES = 32;
    static final int TELLERS = BRANCHES * 10;
    static final int ACCOUNTS_PER_BRANCH = 10_000;
    static final int ACCOUNTS = BRANCHES * ACCOUNTS_PER_BRANCH;

    private PgbenchWorkload() {}

    static void create(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE branches (bid int PRIMARY KEY, bbalance int NOT NULL, filler char(88)) WITH (fillfactor=100)");
            s.execute(
                    "CREATE TABLE tellers (tid int PRIMARY KEY, bid int NOT NULL, tbalance int NOT NULL, filler char(84))"
                            + " WITH (fillfactor=100)");
            s.execute(
                    "CREATE TABLE accounts (aid int NOT NULL, bid int NOT NULL, abalance int NOT NULL, filler char(84))"
                            + " WITH (fillfactor=100)");
            s.execute("CREATE TABLE history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
            s.execute("INSERT INTO branches SELECT g, 0 FROM generate_series(1, " + BRANCHES + ") g");
            s.execute("INSERT INTO tellers SELECT g, (g - 1) / 10 + 1, 0 FROM generate_series(1, " + TELLERS + ") g");
            s.execute("INSERT INTO accounts SELECT g, (g - 1) / " + ACCOUNTS_PER_BRANCH + " + 1, 0, ''"
                    + " FROM generate_series(1, " + ACCOUNTS + ") g");
            s.execute("ALTER TABLE accounts ADD PRIMARY KEY (aid)");
            s.execute("VACUUM ANALYZE branches");
            s.execute("VACUUM ANALYZE tellers");
            s.execute("VACUUM ANALYZE accounts");
        }
    }

    /**
     * Brings the tables back to the state {@link #create} left, as {@code pgbench -i} would: history emptied, dead
     * row versions of the updated tables vacuumed. Minutes of updates at thousands per second slow the same
     * workload down (run 4 of a PoolSweep measured its best size at 72% of the same size's sweep figure), so a run
     * judged against the sweep must start from the same state.
     */
    static void reset(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE history");
            s.execute("VACUUM ANALYZE branches");
            s.execute("VACUUM ANALYZE tellers");
            s.execute("VACUUM ANALYZE accounts");
        }
    }

    /** One TPC-B-like transaction on a borrowed connection (autocommit off while it runs). */
    static int transaction(DataSource dataSource, SplittableRandom random) throws SQLException {
        return transaction(dataSource, random.nextLong());
    }

    /** The same with the random choices drawn from {@code seed}. */
    static int transaction(DataSource dataSource, long seed) throws SQLException {
        SplittableRandom random = new SplittableRandom(seed);
        int aid = random.nextInt(ACCOUNTS) + 1;
        int tid = random.nextInt(TELLERS) + 1;
        int bid = random.nextInt(BRANCHES) + 1;
        int delta = random.nextInt(-5000, 5001);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                update(c, "UPDATE accounts SET abalance = abalance + ? WHERE aid = ?", delta, aid);
                int balance;
                try (PreparedStatement ps = c.prepareStatement("SELECT abalance FROM accounts WHERE aid = ?")) {
                    ps.setInt(1, aid);
                    try (ResultSet r = ps.executeQuery()) {
                        r.next();
                        balance = r.getInt(1);
                    }
                }
                update(c, "UPDATE tellers SET tbalance = tbalance + ? WHERE tid = ?", delta, tid);
                update(c, "UPDATE branches SET bbalance = bbalance + ? WHERE bid = ?", delta, bid);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                    ps.setInt(1, tid);
                    ps.setInt(2, bid);
                    ps.setInt(3, aid);
                    ps.setInt(4, delta);
                    ps.executeUpdate();
                }
                c.commit();
                return balance;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void update(Connection c, String sql, int delta, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, delta);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }
}
