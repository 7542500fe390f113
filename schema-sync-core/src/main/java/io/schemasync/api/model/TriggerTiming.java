package io.schemasync.api.model;

/** When a trigger fires relative to its event. */
public enum TriggerTiming {
  BEFORE,
  AFTER,
  INSTEAD_OF
}
