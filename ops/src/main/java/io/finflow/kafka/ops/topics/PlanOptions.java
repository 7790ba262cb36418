package io.finflow.kafka.ops.topics;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What {@link TopicsService#plan} may propose beyond creating topics and converging configs.
 *
 * <pre>{@code
 * PlanOptions options = PlanOptions.DEFAULT.withAllowDelete(true).withDeleteScope("finflow-.*");
 * }</pre>
 *
 * @param allowDelete   propose {@link ActionType#DELETE} for topics on the cluster that the catalog does
 *                      not declare; internal topics ({@code __*}) are never proposed. Off by default.
 * @param allowKeyRemap allow a partition increase on keyed or compacted topics. It moves keys to other
 *                      partitions, so per-key order breaks for records in flight; without it such an
 *                      increase is {@link ActionType#REFUSED}. Off by default.
 * @param deleteScope   a regular expression the whole topic name must match to be proposed for deletion,
 *                      for clusters shared with topics the catalog does not own; {@code null} means every
 *                      non-internal topic
 */
public record PlanOptions(boolean allowDelete, boolean allowKeyRemap, String deleteScope) {

    /** Nothing deleted, no partition increase on keyed or compacted topics, no delete scope. */
    public static final PlanOptions DEFAULT = new PlanOptions(false, false, null);

    /** Checks that the delete scope is a valid regular expression. */
    public PlanOptions {
        if (deleteScope != null) {
            try {
                Pattern.compile(deleteScope);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("deleteScope must be a regular expression, was '"
                        + deleteScope + "': " + e.getDescription());
            }
        }
    }

    /** A copy with {@code allowDelete} set. */
    public PlanOptions withAllowDelete(boolean allow) {
        return new PlanOptions(allow, allowKeyRemap, deleteScope);
    }

    /** A copy with {@code allowKeyRemap} set. */
    public PlanOptions withAllowKeyRemap(boolean allow) {
        return new PlanOptions(allowDelete, allow, deleteScope);
    }

    /** A copy with another delete scope ({@code null} for none). */
    public PlanOptions withDeleteScope(String regex) {
        return new PlanOptions(allowDelete, allowKeyRemap, regex);
    }

    /** True when a topic missing from the catalog may be proposed for deletion. */
    boolean mayDelete(String topic) {
        return allowDelete && !topic.startsWith("__")
                && (deleteScope == null || Pattern.matches(deleteScope, topic));
    }
}
