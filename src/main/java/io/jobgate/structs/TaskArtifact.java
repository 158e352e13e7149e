package io.jobgate.structs;

import java.util.Map;

/** An artifact to download (spec §3.3). */
public record TaskArtifact(String getterSource, Map<String, String> getterOptions, String getterMode, String relativeDest) {
}
