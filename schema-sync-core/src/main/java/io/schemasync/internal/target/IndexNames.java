package io.schemasync.internal.target;

import io.schemasync.api.model.IndexPart;
import io.schemasync.internal.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Names for indexes declared without one: {@code idx_<table>_<columns>}. Derived only from the
 * table and the indexed parts so that the same declaration always gets the same name, and a sync
 * never drops and recreates an index because its generated name changed.
 */
final class IndexNames {
  /** PostgreSQL's limit; longer names would be truncated by the engine and never match. */
  static final int MAX_BYTES = 63;

  private static final int HASH_CHARS = 8;

  private IndexNames() {}

  static String generate(String table, List<IndexPart> parts) {
    String columns =
        parts.stream()
            .map(p -> p.column() != null ? p.column() : p.expression())
            .map(IndexNames::wordChars)
            .collect(Collectors.joining("_"));
    String full = "idx_" + wordChars(table) + "_" + columns;
    if (full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
      return full;
    }
    // A hash of the untruncated name keeps two long names that share a prefix apart.
    String hash = CanonicalJson.sha256(full).substring(0, HASH_CHARS);
    return truncateToBytes(full, MAX_BYTES - HASH_CHARS - 1).replaceAll("_+$", "") + "_" + hash;
  }

  /** Letters, digits and underscores of {@code text}, other runs collapsed to one underscore. */
  private static String wordChars(String text) {
    StringBuilder out = new StringBuilder();
    boolean pendingSeparator = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || cp == '_') {
        if (pendingSeparator && out.length() > 0) {
          out.append('_');
        }
        pendingSeparator = false;
        out.appendCodePoint(cp);
      } else {
        pendingSeparator = true;
      }
    }
    return out.length() == 0 ? "expr" : out.toString();
  }

  private static String truncateToBytes(String text, int maxBytes) {
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > maxBytes) {
        break;
      }
      out.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
