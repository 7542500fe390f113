package io.schemasync.api;

/** Where one tenant stands after an operation. */
public enum TenantStatus {
  /** Already equal to the target; nothing to do. */
  IN_SYNC,
  /** Read for an audit without target: its hash is reported, nothing was compared. */
  INSPECTED,
  /** Differs from the target (diff, validate, audit). */
  DRIFT,
  /** The plan ran in a rolled-back transaction, or was validated, and would succeed (plan). */
  PLANNED,
  /** The plan was applied and verified (sync). */
  APPLIED,
  /** A safety policy refused this tenant's plan; nothing was changed. */
  REFUSED,
  /** Left unchanged because another tenant's plan was refused or failed its dry run. */
  SKIPPED,
  /** Inspection, planning or execution failed; see the error. */
  FAILED
}
