package io.jobgate.structs;

/** A consul-template stanza (spec §3.3). */
public record Template(
    String sourcePath,
    String destPath,
    String embeddedTmpl,
    String changeMode,
    String changeSignal,
    Long splay,
    String perms,
    String leftDelim,
    String rightDelim,
    Boolean envvars,
    Long vaultGrace) {
}
