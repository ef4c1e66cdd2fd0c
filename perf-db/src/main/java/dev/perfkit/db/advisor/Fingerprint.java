package dev.perfkit.db.advisor;

import java.util.regex.Pattern;

/** A query's fingerprint text for reports: literals and parameters become {@code ?}, whitespace collapses. */
final class Fingerprint {
  private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])-?\\d+(?:\\.\\d+)?(?![\\w.])");
  private static final Pattern PARAM = Pattern.compile("\\$\\d+");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final int MAX_LENGTH = 2000;

  private Fingerprint() { }

  static String of(String sql) {
    String s = STRING.matcher(sql).replaceAll("?");
    s = PARAM.matcher(s).replaceAll("?");
    s = NUMBER.matcher(s).replaceAll("?");
    s = SPACE.matcher(s).replaceAll(" ").strip();
    return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "..." : s;
  }
}
