package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.users.ScramUser;
import io.finflow.kafka.ops.users.ScramUserService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow users list}. */
@Command(name = "list",
        header = "List the SCRAM users and their credentials (never passwords).",
        mixinStandardHelpOptions = true,
        description = "List the users that have SCRAM credentials, with mechanism and iterations.")
final class UsersListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        List<ScramUser> users;
        try (Admin admin = KafkaClients.admin(client)) {
            users = new ScramUserService(admin, client.timeout()).list();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            output.printJson(out, users);
            return ExitCodes.OK;
        }
        Table table = new Table("USER", "CREDENTIALS");
        users.forEach(u -> table.row(u.name(), String.join(", ", u.credentials())));
        table.print(out);
        out.println(users.size() + " user(s).");
        out.flush();
        return ExitCodes.OK;
    }
}
