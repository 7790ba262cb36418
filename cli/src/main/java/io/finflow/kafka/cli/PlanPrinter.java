package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.List;

import io.finflow.kafka.ops.topics.ActionType;
import io.finflow.kafka.ops.topics.TopicAction;
import io.finflow.kafka.ops.topics.TopicPlan;

/** Prints a topic plan for people: one line per action, then a summary line. */
final class PlanPrinter {

    private PlanPrinter() {
    }

    static void print(PrintWriter out, TopicPlan plan, String header) {
        out.println(header);
        if (plan.isEmpty()) {
            out.println("No changes: the cluster matches the catalog.");
            out.flush();
            return;
        }
        Table table = new Table("", "ACTION", "TOPIC", "CHANGE");
        for (TopicAction a : plan.actions()) {
            table.row(symbol(a.type()), label(a.type()), a.topic(), change(a));
        }
        table.print(out);
        out.println(summary(plan));
        if (!plan.refusals().isEmpty()) {
            out.println("Refused actions block apply: nothing is applied until the catalog or the cluster is fixed"
                    + " (or the refusal lifted with the option it names).");
        }
        out.flush();
    }

    static String summary(TopicPlan plan) {
        return "Plan: " + count(plan, ActionType.CREATE) + " to create, "
                + count(plan, ActionType.ADD_PARTITIONS) + " partition increase(s), "
                + count(plan, ActionType.CONFIG_CHANGE) + " config change(s) (drift), "
                + count(plan, ActionType.DELETE) + " to delete, "
                + plan.refusals().size() + " refused.";
    }

    private static long count(TopicPlan plan, ActionType type) {
        return plan.ofType(type).size();
    }

    static String symbol(ActionType type) {
        return switch (type) {
            case CREATE -> "+";
            case ADD_PARTITIONS, CONFIG_CHANGE -> "~";
            case DELETE -> "-";
            default -> "!";
        };
    }

    static String label(ActionType type) {
        return switch (type) {
            case CREATE -> "create";
            case ADD_PARTITIONS -> "partitions";
            case CONFIG_CHANGE -> "config";
            case DELETE -> "delete";
            case REPLICATION_CHANGE_UNSUPPORTED, PARTITION_DECREASE_UNSUPPORTED, REFUSED -> "refused";
        };
    }

    static String change(TopicAction a) {
        return switch (a.type()) {
            case CREATE -> a.message().startsWith("create with ") ? a.message().substring("create with ".length())
                    : a.message();
            case ADD_PARTITIONS -> "partitions " + a.current() + " -> " + a.wanted();
            case CONFIG_CHANGE -> a.setting() + ": " + (a.current() == null ? "(not set)" : a.current()) + " -> "
                    + a.wanted() + " (drift)";
            case DELETE -> a.message();
            default -> a.message();
        };
    }

    /** The actions of a plan for JSON output. */
    static List<TopicAction> actions(TopicPlan plan) {
        return plan.actions();
    }
}
