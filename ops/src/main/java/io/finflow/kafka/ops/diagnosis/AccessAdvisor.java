package io.finflow.kafka.ops.diagnosis;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.DelegationTokenAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * Turns Kafka's authorization failures into what is missing and the command that fixes it. FinFlow's
 * ACLs are code ({@code config/acls.yaml}, applied with {@code finflow acls apply}), so the advice is
 * the line to add there:
 * <ul>
 *   <li>{@code TopicAuthorizationException}: the topic under {@code produces} (WRITE) or {@code consumes}
 *       (READ) of the user;</li>
 *   <li>{@code GroupAuthorizationException}: the group under {@code groups};</li>
 *   <li>{@code TransactionalIdAuthorizationException}: {@code transactionalIdPrefix};</li>
 *   <li>{@code ClusterAuthorizationException}: an idempotent producer (every FinFlow producer) whose user
 *       may write nowhere gets this one from Kafka: the topics under {@code produces}, which also grants
 *       IDEMPOTENT_WRITE; for admin operations, an admin's client config;</li>
 *   <li>{@code SecurityDisabledException}: the cluster has no authorizer at all.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class AccessAdvisor {

    private static final String APPLY = "then run 'finflow acls apply' with an admin's --command-config";

    private AccessAdvisor() {
    }

    /**
     * The explanation of the first authorization failure in {@code failure}'s causes, or empty when there is
     * none. One line; names the principal, the resource and the fix.
     */
    public static Optional<String> explain(Throwable failure, ClientContext context) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthorizationException || t instanceof SecurityDisabledException) {
                return Optional.of(context.scrubber().scrub(explainOne(t, context)));
            }
        }
        return Optional.empty();
    }

    /** True when {@code failure} or one of its causes is a Kafka authentication or authorization failure. */
    public static boolean isSecurityFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthorizationException || t instanceof AuthenticationException
                    || t instanceof SecurityDisabledException) {
                return true;
            }
        }
        return false;
    }

    private static String explainOne(Throwable t, ClientContext context) {
        String who = context.principal();
        String user = context.aclUser().orElse("<user>");
        if (t instanceof TopicAuthorizationException e) {
            Set<String> topics = e.unauthorizedTopics();
            boolean named = topics != null && !topics.isEmpty();
            String names = named ? "topic(s) " + String.join(", ", new java.util.TreeSet<>(topics))
                    : "a topic (Kafka did not say which)";
            String first = named ? new java.util.TreeSet<>(topics).first() : "the topic";
            return who + " is not authorized for " + names + " on " + context.bootstrap() + ". For a service: in"
                    + " config/acls.yaml, list " + first + " under 'produces' (WRITE) or 'consumes' (READ) of user "
                    + user + ", " + APPLY + ". Topic administration (topics apply, dlq replay) needs an admin's"
                    + " --command-config";
        }
        if (t instanceof GroupAuthorizationException e) {
            String group = e.groupId() == null ? "the group" : e.groupId();
            return who + " may not use consumer group '" + group + "' (READ on the group is missing): in"
                    + " config/acls.yaml, list " + group + " under 'groups' of user " + user + ", " + APPLY;
        }
        if (t instanceof TransactionalIdAuthorizationException) {
            return who + " may not use its transactional id (WRITE on TRANSACTIONAL_ID is missing): in"
                    + " config/acls.yaml, set 'transactionalIdPrefix' of user " + user + " to a prefix of the"
                    + " transactional id, " + APPLY;
        }
        if (t instanceof ClusterAuthorizationException) {
            return who + " is not authorized on the cluster " + context.bootstrap() + ". A producer (FinFlow producers"
                    + " are always idempotent) needs WRITE on the topics it writes, which also allows idempotent"
                    + " writes: in config/acls.yaml, list them under 'produces' of user " + user + ", " + APPLY
                    + ". Admin operations (topics apply, acls, users) need an admin's --command-config";
        }
        if (t instanceof DelegationTokenAuthorizationException) {
            return who + " may not manage delegation tokens: use an admin's --command-config";
        }
        if (t instanceof SecurityDisabledException) {
            return "the cluster at " + context.bootstrap() + " has no authorizer, so it has no ACLs: set"
                    + " authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer on the brokers"
                    + " (see config/broker/prod.properties), or use finflow dev --secure locally";
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return who + " is not authorized (" + message + "): grant the ACL in config/acls.yaml, " + APPLY
                + ", or use an admin's --command-config";
    }
}
