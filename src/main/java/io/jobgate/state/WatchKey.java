package io.jobgate.state;

/**
 * Something a blocking query read and a write can change: a whole table ({@code key == null}) or
 * one key within it, such as {@code job:<ns>/<id>} in {@link Table#ALLOCS}. Every write names the
 * table-wide key and each row key it touched, so a watcher waits on exactly what it read.
 */
public record WatchKey(Table table, String key) {

  public static WatchKey table(Table table) {
    return new WatchKey(table, null);
  }

  public static WatchKey job(Table table, JobKey job) {
    return new WatchKey(table, "job:" + job.namespace() + "\u0000" + job.id());
  }

  /** The job a {@link #job} key names, or null for any other key. */
  public JobKey jobKey() {
    if (key == null || !key.startsWith("job:")) {
      return null;
    }
    int sep = key.indexOf('\u0000');
    return new JobKey(key.substring(4, sep), key.substring(sep + 1));
  }

  public static WatchKey id(Table table, String id) {
    return new WatchKey(table, "id:" + id);
  }

  public static WatchKey node(Table table, String nodeId) {
    return new WatchKey(table, "node:" + nodeId);
  }

  public static WatchKey eval(Table table, String evalId) {
    return new WatchKey(table, "eval:" + evalId);
  }
}
