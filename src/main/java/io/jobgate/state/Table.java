package io.jobgate.state;

/** The store's tables, each with the index of its last write (spec §2.2). */
public enum Table {
  JOBS("jobs"),
  JOB_VERSION("job_version"),
  JOB_SUMMARY("job_summary"),
  EVALS("evals"),
  ALLOCS("allocs"),
  DEPLOYMENT("deployment"),
  NODES("nodes"),
  PERIODIC_LAUNCH("periodic_launch"),
  ACL_POLICIES("acl_policy"),
  ACL_TOKENS("acl_token"),
  ACL_BOOTSTRAP("acl_token_bootstrap"),
  NAMESPACES("namespaces");

  private final String wireName;

  Table(String wireName) {
    this.wireName = wireName;
  }

  /** Nomad's table name, as used in metrics and logs. */
  public String wireName() {
    return wireName;
  }
}
