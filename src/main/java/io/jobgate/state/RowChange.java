package io.jobgate.state;

/** One row written ({@code value != null}) or deleted, in commit order; what the journal stores. */
public record RowChange(Table table, String key, Object value) {
}
