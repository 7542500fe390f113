package io.schemasync.api.change;

import java.util.Locale;

/** The kinds of schema object a change or a message can name. */
public enum ObjectKind {
  TABLE,
  COLUMN,
  PRIMARY_KEY,
  UNIQUE,
  CHECK,
  FOREIGN_KEY,
  EXCLUSION,
  INDEX,
  TRIGGER,
  VIEW,
  ROUTINE,
  ENUM,
  DOMAIN,
  SEQUENCE,
  EXTENSION;

  /** Lower-case words, e.g. {@code foreign key}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
