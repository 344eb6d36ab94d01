package ai.vtry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.vtry.client.model.CreatePersonRequest;
import ai.vtry.client.model.Person;
import ai.vtry.client.model.PersonUpload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vtry persons create|list}. */
@Command(name = "persons", description = "Create and list people.")
final class PersonsCommand {

    @ParentCommand
    VtryCommand root;

    @Command(name = "create", description = "Create a person from one to three reference photos.")
    int create(
            @Option(names = "--name", required = true, description = "The person's name (made a slug).")
            String name,
            @Parameters(arity = "1..3", paramLabel = "FILE", description = "JPEG, PNG or WebP photos.")
            List<Path> files) {
        CreatePersonRequest.Builder request = CreatePersonRequest.builder().name(name);
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new UsageError("Cannot read " + file);
            }
            request.file(file);
        }
        PersonUpload created = root.client().persons().create(request.build());
        if (root.json) {
            root.printJson(created);
        } else {
            root.env.out().println(created.person().id() + " " + created.person().name() + " (" + created.files().size()
                    + " images, " + created.remaining() + " more allowed)");
        }
        return VtryCommand.OK;
    }

    @Command(name = "list", description = "List the workspace's people, newest first.")
    int list() {
        List<Person> persons = root.client().persons().list();
        if (root.json) {
            root.printJson(Map.of("persons", persons));
        } else {
            persons.forEach(person -> root.env.out().printf("%s  %-24s %s%n", person.id(), person.name(),
                    person.coverUrl() == null ? "not composed" : "composed"));
        }
        return VtryCommand.OK;
    }
}
