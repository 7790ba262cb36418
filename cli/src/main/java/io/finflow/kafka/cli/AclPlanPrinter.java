package io.finflow.kafka.cli;

import java.io.PrintWriter;

import io.finflow.kafka.ops.acls.AclAction;
import io.finflow.kafka.ops.acls.AclPlan;

/** Prints an ACL plan for people, like a topic plan: one line per action, then a summary line. */
final class AclPlanPrinter {

    private AclPlanPrinter() {
    }

    static void print(PrintWriter out, AclPlan plan, String header) {
        out.println(header);
        if (plan.actions().isEmpty()) {
            out.println("No changes: the cluster's ACLs match the catalog.");
            out.flush();
            return;
        }
        Table table = new Table("", "ACTION", "PRINCIPAL", "RESOURCE", "OPERATION", "WHY");
        for (AclAction a : plan.actions()) {
            table.row(symbol(a.type()), label(a.type()), a.principal(), a.resource(),
                    a.permission().equals("ALLOW") ? a.operation() : a.permission() + " " + a.operation(), a.reason());
        }
        table.print(out);
        out.println(summary(plan));
        out.flush();
    }

    static String summary(AclPlan plan) {
        int extra = plan.ofType(AclAction.Type.EXTRA).size();
        return "Plan: " + plan.ofType(AclAction.Type.GRANT).size() + " to grant, "
                + plan.ofType(AclAction.Type.REVOKE).size() + " to revoke, " + extra + " extra kept"
                + (extra > 0 ? " (revoke them with --allow-delete)" : "") + ".";
    }

    private static String symbol(AclAction.Type type) {
        return switch (type) {
            case GRANT -> "+";
            case REVOKE -> "-";
            case EXTRA -> "!";
        };
    }

    private static String label(AclAction.Type type) {
        return switch (type) {
            case GRANT -> "grant";
            case REVOKE -> "revoke";
            case EXTRA -> "extra";
        };
    }
}
