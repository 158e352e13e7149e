package io.jobgate.acl;

import java.util.List;
import java.util.Set;

/**
 * Nomad 0.8's namespace capabilities and policy levels ({@code acl/policy.go}), and what each
 * shorthand level grants (spec §16).
 */
public final class Capabilities {

  public static final String DENY = "deny";
  public static final String LIST_JOBS = "list-jobs";
  public static final String READ_JOB = "read-job";
  public static final String SUBMIT_JOB = "submit-job";
  public static final String DISPATCH_JOB = "dispatch-job";
  public static final String READ_LOGS = "read-logs";
  public static final String READ_FS = "read-fs";
  /** Enterprise Sentinel's override; jobgate has no Sentinel, but register and plan still ask for it. */
  public static final String SENTINEL_OVERRIDE = "sentinel-override";

  public static final String POLICY_DENY = "deny";
  public static final String POLICY_READ = "read";
  public static final String POLICY_WRITE = "write";

  static final Set<String> NAMESPACE = Set.of(DENY, LIST_JOBS, READ_JOB, SUBMIT_JOB, DISPATCH_JOB, READ_LOGS,
      READ_FS, SENTINEL_OVERRIDE);
  static final Set<String> LEVELS = Set.of(POLICY_DENY, POLICY_READ, POLICY_WRITE);

  private Capabilities() {
  }

  /** The capabilities a namespace {@code policy = "…"} stands for. */
  static List<String> expand(String level) {
    return switch (level) {
      case POLICY_DENY -> List.of(DENY);
      case POLICY_READ -> List.of(LIST_JOBS, READ_JOB);
      case POLICY_WRITE -> List.of(LIST_JOBS, READ_JOB, SUBMIT_JOB, DISPATCH_JOB, READ_LOGS, READ_FS);
      default -> throw new IllegalArgumentException("unknown policy level " + level);
    };
  }
}
