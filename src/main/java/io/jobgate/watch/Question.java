package io.jobgate.watch;

import io.jobgate.state.StateSnapshot;
import io.jobgate.state.WatchKey;
import java.util.List;

/**
 * A read as the watch machinery sees it (Nomad's {@code blockingRPC} closure): what it watches,
 * how to run it on a snapshot, and how to encode its answer. Requests with equal {@link #key()}
 * asked the same question and share one encoded answer.
 */
public interface Question {

  /** Identity for sharing: route, parameters, namespace and output variant. */
  String key();

  List<WatchKey> watchKeys();

  QueryResult run(StateSnapshot snapshot);

  EncodedResponse encode(QueryResult result);
}
