package io.schemasync.spi;

import io.schemasync.api.model.SchemaSnapshot;

/** Checks the schema a plan produced before it is committed; throws to roll back. */
@FunctionalInterface
public interface Verifier {
  /**
   * @throws io.schemasync.api.VerificationFailedException when the result is not the target
   */
  void verify(SchemaSnapshot result);

  /** Accepts any result. */
  Verifier NONE = result -> {};
}
