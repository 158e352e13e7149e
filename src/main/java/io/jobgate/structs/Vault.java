package io.jobgate.structs;

import java.util.List;

/** A task's Vault stanza (spec §3.3). */
public record Vault(List<String> policies, Boolean env, String changeMode, String changeSignal) {
}
