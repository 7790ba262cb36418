package io.finflow.kafka.cli;

import java.util.concurrent.Callable;

import io.finflow.kafka.ops.users.ScramUserService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow users remove NAME}. */
@Command(name = "remove",
        header = "Delete a user's SCRAM credential: it can no longer log in.",
        mixinStandardHelpOptions = true,
        description = {
            "Delete the user's SCRAM-SHA-512 credential; returns once the brokers no",
            "longer list it. Its ACLs stay (finflow acls plan shows them; remove the",
            "user from config/acls.yaml and run finflow acls apply --allow-delete)."
        })
final class UsersRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
    String name;

    @Override
    public Integer call() {
        ScramUserService.requireName(name);
        try (Admin admin = KafkaClients.admin(client)) {
            new ScramUserService(admin, client.timeout()).remove(name);
        }
        spec.commandLine().getOut().println("User '" + name + "' removed: it can no longer log in.");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
