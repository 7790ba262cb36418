package io.finflow.kafka.ops.topics;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What {@link TopicsService#plan} may propose beyond creating topics and converging configs: immutable, built
 * with {@link #builder()}; each setting is documented on its {@link Builder} method.
 *
 * <pre>{@code
 * PlanOptions options = PlanOptions.builder().allowDelete(true).deleteScope("finflow-.*").build();
 * }</pre>
 */
public final class PlanOptions {

    /** Nothing deleted, no partition increase on keyed or compacted topics, no delete scope. */
    public static final PlanOptions DEFAULT = builder().build();

    private final boolean allowDelete;
    private final boolean allowKeyRemap;
    private final String deleteScope;

    private PlanOptions(Builder b) {
        this.allowDelete = b.allowDelete;
        this.allowKeyRemap = b.allowKeyRemap;
        this.deleteScope = b.deleteScope;
    }

    /** A builder holding the defaults ({@link #DEFAULT}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return builder().allowDelete(allowDelete).allowKeyRemap(allowKeyRemap).deleteScope(deleteScope);
    }

    /** See {@link Builder#allowDelete}. */
    public boolean allowDelete() {
        return allowDelete;
    }

    /** See {@link Builder#allowKeyRemap}. */
    public boolean allowKeyRemap() {
        return allowKeyRemap;
    }

    /** The delete scope, or null for none; see {@link Builder#deleteScope}. */
    public String deleteScope() {
        return deleteScope;
    }

    /** True when a topic missing from the catalog may be proposed for deletion. */
    boolean mayDelete(String topic) {
        return allowDelete && !topic.startsWith("__")
                && (deleteScope == null || Pattern.matches(deleteScope, topic));
    }

    /** Builds {@link PlanOptions}; {@link #build()} checks the delete scope. */
    public static final class Builder {
        private boolean allowDelete;
        private boolean allowKeyRemap;
        private String deleteScope;

        private Builder() {
        }

        /**
         * Propose {@link ActionType#DELETE} for topics on the cluster that the catalog does not declare;
         * internal topics ({@code __*}) are never proposed. Default false.
         */
        public Builder allowDelete(boolean allow) {
            this.allowDelete = allow;
            return this;
        }

        /**
         * Allow a partition increase on keyed or compacted topics. It moves keys to other partitions, so per-key
         * order breaks for records in flight; without it such an increase is {@link ActionType#REFUSED}.
         * Default false.
         */
        public Builder allowKeyRemap(boolean allow) {
            this.allowKeyRemap = allow;
            return this;
        }

        /**
         * A regular expression the whole topic name must match to be proposed for deletion, for clusters shared
         * with topics the catalog does not own. Default null: every non-internal topic.
         */
        public Builder deleteScope(String regex) {
            this.deleteScope = regex;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException the delete scope is not a regular expression, named with its value
         */
        public PlanOptions build() {
            if (deleteScope != null) {
                try {
                    Pattern.compile(deleteScope);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("deleteScope must be a regular expression, was '"
                            + deleteScope + "': " + e.getDescription());
                }
            }
            return new PlanOptions(this);
        }
    }
}
