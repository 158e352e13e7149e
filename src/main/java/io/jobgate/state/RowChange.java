package io.jobgate.state;

/**
 * One row written ({@code value != null}) or deleted, in commit order; what the journal stores.
 * Rows read back on restart carry no key ({@code null}): {@link SnapshotRows#build} keys each
 * value by its own fields.
 */
public record RowChange(Table table, String key, Object value) {
}
