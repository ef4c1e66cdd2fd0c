package dev.perfkit.db.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the condition strings of an EXPLAIN (VERBOSE) plan ({@code ((o.a = 42) AND (o.b > $1))}): splits
 * top-level ANDs and classifies each conjunct as equality, range, join or constant predicate on a column.
 */
final class Conditions {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][\\w$]*|\"(?:[^\"]|\"\")+\"");
    private static final Pattern COLUMN = Pattern.compile("^(" + IDENT + ")\\.(" + IDENT + ")$");
    private static final Pattern CAST = Pattern.compile("::[a-z][a-z0-9_ ]*(?:\\(\\d+(?:,\\d+)?\\))?(?:\\[\\])?");
    /** A string or number literal with an optional cast, as EXPLAIN prints it: {@code 'pending'::text}, {@code 42}. */
    private static final Pattern LITERAL =
            Pattern.compile("^(?:'(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?)(?:::[a-z][a-z0-9_ ]*)?$");

    private static final String[] OPERATORS = {" = ANY ", " >= ", " <= ", " <> ", " = ", " < ", " > "};

    /** A column reference: the plan alias and the column name (unquoted). */
    record Column(String alias, String name) {}

    /** One classified conjunct. */
    record Atom(Kind kind, Column column, @Nullable Column other, String predicate) {}

    enum Kind {
        EQUALITY,
        RANGE,
        JOIN,
        CONSTANT_PREDICATE
    }

    private Conditions() {}

    static List<Atom> parse(String condition) {
        List<Atom> out = new ArrayList<>();
        for (String conjunct : conjuncts(condition)) {
            Atom atom = classify(conjunct);
            if (atom != null) {
                out.add(atom);
            }
        }
        return out;
    }

    static List<String> conjuncts(String condition) {
        List<String> out = new ArrayList<>();
        String s = stripParens(condition.strip());
        List<String> parts = splitTopLevel(s, " AND ");
        if (parts.size() == 1) {
            out.add(s);
        } else {
            for (String p : parts) {
                out.addAll(conjuncts(p));
            }
        }
        return out;
    }

    private static @Nullable Atom classify(String conjunct) {
        if (!splitTopLevel(conjunct, " OR ").equals(List.of(conjunct))) {
            return null;
        }
        for (String suffix : new String[] {" IS NULL", " IS NOT NULL"}) {
            if (conjunct.endsWith(suffix)) {
                Column c = column(conjunct.substring(0, conjunct.length() - suffix.length()));
                return c == null ? null : new Atom(Kind.CONSTANT_PREDICATE, c, null, quote(c.name()) + suffix);
            }
        }
        Column bool = column(conjunct.startsWith("NOT ") ? conjunct.substring(4) : conjunct);
        if (bool != null) {
            String predicate = conjunct.startsWith("NOT ") ? "NOT " + quote(bool.name()) : quote(bool.name());
            return new Atom(Kind.CONSTANT_PREDICATE, bool, null, predicate);
        }
        for (String op : OPERATORS) {
            int at = indexTopLevel(conjunct, op);
            if (at < 0) {
                continue;
            }
            Column left = column(conjunct.substring(0, at));
            String rightText = conjunct.substring(at + op.length());
            Column right = column(rightText);
            boolean equality = op.equals(" = ") || op.equals(" = ANY ");
            if (left != null && right != null) {
                return equality && !left.alias().equals(right.alias()) ? new Atom(Kind.JOIN, left, right, "") : null;
            }
            Column col = left != null ? left : right;
            String constant = left != null ? rightText : conjunct.substring(0, at);
            if (col == null || op.equals(" <> ") || hasColumn(constant)) {
                return null;
            }
            // An equality with a literal (not a parameter) is also a candidate partial-index predicate.
            String literal = constant.strip();
            String predicate = equality
                            && !op.equals(" = ANY ")
                            && LITERAL.matcher(literal).matches()
                    ? quote(col.name()) + " = " + literal
                    : "";
            return new Atom(equality ? Kind.EQUALITY : Kind.RANGE, col, null, predicate);
        }
        return null;
    }

    /** A plain column reference, ignoring casts and parentheses: {@code ((o.status)::text)}. */
    static @Nullable Column column(String text) {
        String s = text.strip();
        String previous;
        do {
            previous = s;
            s = stripParens(CAST.matcher(s).replaceAll("").strip());
        } while (!s.equals(previous));
        Matcher m = COLUMN.matcher(s);
        return m.matches() ? new Column(unquote(m.group(1)), unquote(m.group(2))) : null;
    }

    /** A column name, bare ({@code total}) or qualified ({@code t.total}); null for an expression. */
    static @Nullable String bareColumn(String text) {
        Column qualified = column(text);
        if (qualified != null) {
            return qualified.name();
        }
        String s = text.strip();
        return IDENT.matcher(s).matches() ? unquote(s) : null;
    }

    private static boolean hasColumn(String text) {
        String noStrings = text.replaceAll("'(?:[^']|'')*'", "''");
        return Pattern.compile("(?<![\\w$'])(?:" + IDENT + ")\\.(?:" + IDENT + ")")
                .matcher(noStrings)
                .find();
    }

    static String stripParens(String s) {
        String t = s;
        while (t.startsWith("(") && matching(t, 0) == t.length() - 1) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static int matching(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String s, String token) {
        List<String> parts = new ArrayList<>();
        int at;
        String rest = s;
        while ((at = indexTopLevel(rest, token)) >= 0) {
            parts.add(rest.substring(0, at));
            rest = rest.substring(at + token.length());
        }
        parts.add(rest);
        return parts;
    }

    private static int indexTopLevel(String s, String token) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i <= s.length() - token.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && s.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String ident) {
        return ident.startsWith("\"") ? ident.substring(1, ident.length() - 1).replace("\"\"", "\"") : ident;
    }

    static String quote(String ident) {
        return ident.matches("[a-z_][a-z0-9_$]*") ? ident : "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
