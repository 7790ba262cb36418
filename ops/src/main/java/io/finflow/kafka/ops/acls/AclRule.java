package io.finflow.kafka.ops.acls;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One Kafka ACL with the reason it exists.
 *
 * @param binding the ACL as Kafka holds it
 * @param reason  why, e.g. {@code produces account-balances}; for ACLs found on the cluster, {@code on the cluster}
 */
public record AclRule(@JsonIgnore AclBinding binding, String reason) {

    /** Validates the components. */
    public AclRule {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(reason, "reason");
    }

    /** An ALLOW rule for any host. */
    static AclRule allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation,
            String reason) {
        return new AclRule(new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)), reason);
    }

    /** The principal, e.g. {@code User:accounting-service}. */
    @JsonProperty
    public String principal() {
        return binding.entry().principal();
    }

    /**
     * The resource for people: {@code topic transaction-events}, {@code group accounting-service-group},
     * {@code cluster}, {@code transactional-id accounting-service*} (a trailing {@code *}: every name with
     * this prefix).
     */
    @JsonProperty
    public String resource() {
        ResourcePattern p = binding.pattern();
        if (p.resourceType() == ResourceType.CLUSTER) {
            return "cluster";
        }
        String type = p.resourceType().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return type + " " + p.name() + (p.patternType() == PatternType.PREFIXED ? "*" : "");
    }

    /** The operation, e.g. {@code WRITE}. */
    @JsonProperty
    public String operation() {
        return binding.entry().operation().name();
    }

    /** {@code ALLOW} or {@code DENY}. */
    @JsonProperty
    public String permission() {
        return binding.entry().permissionType().name();
    }

    /** The host the ACL applies to, {@code *} for any. */
    @JsonProperty
    public String host() {
        return binding.entry().host();
    }
}
