package io.finflow.kafka.ops.acls;

import java.util.List;
import java.util.Objects;

/**
 * What {@code finflow acls apply} would change: ACLs to grant, to revoke (only with allow-delete) and extra
 * ACLs kept. Only principals of the ACL catalog are compared; others are never touched.
 *
 * @param source  the ACL catalog it was made from
 * @param actions grants first, then revokes and extras
 */
public record AclPlan(String source, List<AclAction> actions) {

    /** Validates and copies. */
    public AclPlan {
        Objects.requireNonNull(source, "source");
        actions = List.copyOf(actions);
    }

    /** The actions of one type. */
    public List<AclAction> ofType(AclAction.Type type) {
        return actions.stream().filter(a -> a.type() == type).toList();
    }

    /** True when apply would change nothing (extras kept do not count). */
    public boolean isEmpty() {
        return actions.stream().allMatch(a -> a.type() == AclAction.Type.EXTRA);
    }
}
