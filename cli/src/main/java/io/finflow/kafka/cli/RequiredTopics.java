package io.finflow.kafka.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

/** Checks up front that the topics a command works on exist, so that it fails with what to do instead of waiting. */
final class RequiredTopics {

    private RequiredTopics() {
    }

    /**
     * @throws IllegalStateException naming the missing topics and how to create them
     */
    static void check(Admin admin, Collection<String> topics, String prefix) throws InterruptedException {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not list the topics of the cluster: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
        List<String> missing = new ArrayList<>(new TreeSet<>(topics));
        missing.removeAll(existing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException((missing.size() == 1 ? "topic " : "topics ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " does" : " do") + " not exist; create the catalog's topics first"
                    + (prefix.isEmpty() ? " (finflow topics apply)" : " with the prefix '" + prefix + "'"));
        }
    }
}
