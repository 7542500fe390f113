package io.schemasync.api;

import java.util.List;

/** No adapter (or more than one) accepts a JDBC URL or database product. */
public class NoSuchAdapterException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;

  public NoSuchAdapterException(String what, List<String> candidates, boolean ambiguous) {
    super(
        (ambiguous ? "several adapters accept " : "no adapter accepts ")
            + what
            + "; adapters found on the classpath: "
            + (candidates.isEmpty() ? "none" : String.join(", ", candidates))
            + (ambiguous
                ? ". Register the one you mean explicitly."
                : ". Check the URL, or add the adapter module for that database to the classpath."));
  }

  @Override
  public ErrorCategory category() {
    return ErrorCategory.INVALID_INPUT;
  }
}
