package io.jobgate.structs;

/** The reconciler's decisions for one task group (spec §12.1 step 4, §15.2). */
public record DesiredUpdates(long ignore, long place, long migrate, long stop, long inPlaceUpdate,
    long destructiveUpdate, long canary) {
}
