package io.schemasync.api.model;

/**
 * A sequence.
 *
 * @param minValue null for the type's default
 * @param maxValue null for the type's default
 * @param ownedBy {@code table.column} owning the sequence, null when free-standing
 */
public record Sequence(
    String name,
    long start,
    long increment,
    Long minValue,
    Long maxValue,
    boolean cycle,
    String ownedBy) {

  public Sequence {
    ModelSupport.name(name, "sequence");
    if (increment == 0) {
      throw new IllegalArgumentException("sequence " + name + " has increment 0");
    }
    ownedBy = ModelSupport.blankToNull(ownedBy);
  }
}
