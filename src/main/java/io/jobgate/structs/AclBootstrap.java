package io.jobgate.structs;

/**
 * The mark that ACLs were bootstrapped, at which index. Kept as a row of its own so that it
 * survives in the journal even after the bootstrap token itself is deleted: bootstrap is once.
 */
public record AclBootstrap(long resetIndex) {
}
