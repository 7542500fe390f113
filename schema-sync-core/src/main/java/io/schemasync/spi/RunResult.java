package io.schemasync.spi;

import io.schemasync.api.model.SchemaSnapshot;
import java.time.Duration;

/**
 * What a runner did: how many steps ran, whether the change was committed, the resulting schema as
 * the verifier saw it (null when the engine could not inspect inside the run, or the verifier did
 * not {@linkplain Verifier#wantsResult want it}), and the time taken.
 */
public record RunResult(int stepsRun, boolean committed, SchemaSnapshot result, Duration took) {}
