package dev.perfkit.db.jooq;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT csv)} through pgjdbc's CopyManager.
 * Kept apart from {@link BatchWriter} so that the driver classes load only when COPY is used.
 */
final class PostgresCopy {
    private static final int FLUSH_BYTES = 1 << 16;

    private PostgresCopy() {}

    static long copy(Connection connection, String copySql, List<Object[]> rows) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyIn copy = pg.getCopyAPI().copyIn(copySql);
        try {
            StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 1024);
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        buffer.append(',');
                    }
                    appendCsv(buffer, row[i]);
                }
                buffer.append('\n');
                if (buffer.length() >= FLUSH_BYTES) {
                    write(copy, buffer);
                }
            }
            write(copy, buffer);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** CSV: NULL is an unquoted empty field; every value is quoted, with quotes doubled. */
    private static void appendCsv(StringBuilder out, @Nullable Object value) {
        if (value == null) {
            return;
        }
        String text = value instanceof byte[] bytes ? "\\x" + HexFormat.of().formatHex(bytes) : value.toString();
        out.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
