package io.jobgate.structs;

/** Transitions the server wants for an allocation (0.8.4+). */
public record DesiredTransition(Boolean migrate, Boolean reschedule, Boolean forceReschedule) {

  public static final DesiredTransition NONE = new DesiredTransition(null, null, null);
}
