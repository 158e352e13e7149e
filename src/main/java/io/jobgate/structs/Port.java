package io.jobgate.structs;

/** A labelled port; {@code Value} is 0 for dynamic ports in a job spec. */
public record Port(String label, Integer value) {
}
