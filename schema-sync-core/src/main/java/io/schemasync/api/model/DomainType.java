package io.schemasync.api.model;

import java.util.List;
import java.util.Objects;

/** A domain: a base type with an optional default, NOT NULL and check constraints. */
public record DomainType(
    String name,
    String baseType,
    boolean notNull,
    String defaultValue,
    List<CheckConstraint> checks) {

  public DomainType {
    ModelSupport.name(name, "domain");
    Objects.requireNonNull(baseType, () -> "base type of domain " + name);
    defaultValue = ModelSupport.blankToNull(defaultValue);
    checks = ModelSupport.sortedUnique(checks, CheckConstraint::key, "check", "domain " + name);
  }
}
