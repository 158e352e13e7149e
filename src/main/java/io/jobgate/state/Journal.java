package io.jobgate.state;

import java.util.List;

/**
 * Where the store makes its commits durable. The store calls it on one dedicated thread, never on
 * an event loop, with every commit that queued up while the previous call ran (group commit), and
 * publishes none of them until the call returns.
 */
public interface Journal {

  /**
   * Makes every commit of {@code batch} durable, in order, all or nothing, before returning. A
   * throw means none of them is durable: the store rolls back to the last durable state and fails
   * those writes.
   */
  void write(List<Commit> batch) throws Exception;
}
