package io.schemasync.spi;

import io.schemasync.api.model.SchemaSnapshot;

/** Checks the schema a plan produced before it is committed; throws to roll back. */
@FunctionalInterface
public interface Verifier {
  /**
   * @throws io.schemasync.api.VerificationFailedException when the result is not the target
   */
  void verify(SchemaSnapshot result);

  /**
   * Whether the runner must inspect the result and call {@link #verify}. Inspecting a tenant inside
   * its transaction can cost more than the plan's statements, so a caller that already knows the
   * outcome says so and the runner skips it.
   */
  default boolean wantsResult() {
    return true;
  }

  /** Accepts any result without asking for it: the runner does not inspect. */
  Verifier NONE =
      new Verifier() {
        @Override
        public void verify(SchemaSnapshot result) {}

        @Override
        public boolean wantsResult() {
          return false;
        }
      };
}
