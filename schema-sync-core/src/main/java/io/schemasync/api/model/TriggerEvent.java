package io.schemasync.api.model;

/** The statement kinds a trigger fires on. */
public enum TriggerEvent {
  INSERT,
  UPDATE,
  DELETE,
  TRUNCATE
}
