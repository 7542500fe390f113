package io.schemasync.api;

/**
 * A place in a target file: file name, line and column (1-based, 0 when unknown) and the object
 * path within the document (e.g. {@code tables.users.columns.email}).
 */
public record SourceLocation(String file, int line, int column, String objectPath) {
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file == null ? "<target>" : file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    if (objectPath != null && !objectPath.isEmpty()) {
      out.append(" (").append(objectPath).append(')');
    }
    return out.toString();
  }
}
