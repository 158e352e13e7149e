package io.jobgate.structs;

/** What the scheduler would do to one task group's allocations (spec §12.1 step 4). */
public record DesiredUpdates(
    long ignore, long place, long migrate, long stop, long inPlaceUpdate, long destructiveUpdate, long canary) {
}
