package io.schemasync.api.model;

import java.util.Objects;

/**
 * A stored function or procedure.
 *
 * @param arguments the argument list as the dialect writes it, e.g. {@code a integer, b text}
 * @param returns the return type, null for a procedure
 * @param body the routine's source as the dialect normalizes it
 */
public record Routine(
    String name, RoutineKind kind, String arguments, String returns, String language, String body) {

  public Routine {
    ModelSupport.name(name, "routine");
    Objects.requireNonNull(kind, "routine kind");
    arguments = arguments == null ? "" : arguments;
    returns = ModelSupport.blankToNull(returns);
    language = ModelSupport.blankToNull(language);
    Objects.requireNonNull(body, () -> "body of routine " + name);
  }

  /** Name and arguments: routines may be overloaded, so the name alone does not identify one. */
  public String key() {
    return name + "(" + arguments + ")";
  }

  /** Whether a routine is a function or a procedure. */
  public enum RoutineKind {
    FUNCTION,
    PROCEDURE
  }
}
