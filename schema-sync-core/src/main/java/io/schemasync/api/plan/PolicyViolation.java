package io.schemasync.api.plan;

/** A step that the plan's policy refuses to run, and what the caller can do about it. */
public record PolicyViolation(int step, Safety safety, String message, String remedy) {}
