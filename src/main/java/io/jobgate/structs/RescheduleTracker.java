package io.jobgate.structs;

import java.util.List;

/** The reschedule history an allocation carries over from the allocations it replaced. */
public record RescheduleTracker(List<RescheduleEvent> events) {
}
