package io.finflow.kafka.ops.acls;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.kafka.common.acl.AclBinding;

/**
 * One line of an ACL plan.
 *
 * @param type what happens: {@link Type#GRANT}, {@link Type#REVOKE} (only with allow-delete), or
 *             {@link Type#EXTRA} (on the cluster, not in the catalog, kept)
 * @param rule the ACL and why
 */
public record AclAction(Type type, @JsonIgnore AclRule rule) {

    /** What a plan does with an ACL. */
    public enum Type {
        /** In the catalog, missing on the cluster: created by apply. */
        GRANT,
        /** On the cluster for a managed principal, not in the catalog, allow-delete given: deleted by apply. */
        REVOKE,
        /** On the cluster for a managed principal, not in the catalog: kept (apply deletes nothing by default). */
        EXTRA
    }

    /** Validates the components. */
    public AclAction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
    }

    /** The principal. */
    @JsonProperty
    public String principal() {
        return rule.principal();
    }

    /** The resource, e.g. {@code topic user-events}. */
    @JsonProperty
    public String resource() {
        return rule.resource();
    }

    /** The operation, e.g. {@code WRITE}. */
    @JsonProperty
    public String operation() {
        return rule.operation();
    }

    /** ALLOW or DENY. */
    @JsonProperty
    public String permission() {
        return rule.permission();
    }

    /** Why. */
    @JsonProperty
    public String reason() {
        return rule.reason();
    }

    @JsonIgnore
    AclBinding binding() {
        return rule.binding();
    }
}
