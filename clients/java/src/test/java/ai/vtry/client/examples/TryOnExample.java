package ai.vtry.client.examples;

import java.nio.file.Path;

import ai.vtry.client.Vtry;
import ai.vtry.client.model.AddClothRequest;
import ai.vtry.client.model.AspectRatio;
import ai.vtry.client.model.ClothMode;
import ai.vtry.client.model.CreatePersonRequest;
import ai.vtry.client.model.EditRequest;
import ai.vtry.client.model.GenerationRequest;
import ai.vtry.client.model.JobOutcome;
import ai.vtry.client.model.Model;

/**
 * The README's walkthrough with the SDK: a person, its composite, a garment, a try-on and an edit of it,
 * both saved as files. With a stack from {@code ./vtry up} and its key in {@code VTRY_API_KEY}, from the
 * repository root (the CLI's jar holds the SDK and Jackson):
 *
 * <pre>
 * java -cp clients/cli/target/vtry-cli.jar clients/java/src/test/java/ai/vtry/client/examples/TryOnExample.java \
 *     docs/samples/front.jpg docs/samples/jacket.png out
 * </pre>
 */
public final class TryOnExample {

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: TryOnExample PERSON_PHOTO GARMENT_PHOTO OUTPUT_DIR");
            System.exit(2);
        }
        Vtry vtry = Vtry.builder().build(); // VTRY_API_KEY, VTRY_BASE_URL (default http://localhost:8080)

        String person = vtry.persons().create(CreatePersonRequest.builder()
                .name("alice-" + System.currentTimeMillis()).file(Path.of(args[0])).build()).person().id();
        completed(vtry, vtry.persons().compose(person, Model.NANO_BANANA).requestId());

        completed(vtry, vtry.clothes().add(AddClothRequest.builder().mode(ClothMode.DIRECT).file(Path.of(args[1])).build())
                .requestId());
        String cloth = vtry.clothes().list().clothes().get(0).id(); // newest first: the one just added

        String tryOn = vtry.generations().create(GenerationRequest.builder().model(Model.NANO_BANANA).personId(person)
                .cloth(cloth).scene("a rainy street in Paris").aspectRatio(AspectRatio.RATIO_3_4).build()).requestId();
        JobOutcome.Completed generated = completed(vtry, tryOn);
        vtry.downloads().download(generated.job().imageUrl(), Path.of(args[2], "tryon.jpg"));

        String edit = vtry.edits().create(EditRequest.builder().jobId(tryOn)
                .prompt("change the jacket color to deep green").build()).requestId();
        vtry.downloads().download(completed(vtry, edit).job().imageUrl(), Path.of(args[2], "edited.jpg"));

        vtry.history().list().jobs().forEach(job -> System.out.println(job.id() + " " + job.kind() + " " + job.status()));
    }

    /** Waits for the job, printing its states; stops the example unless it completed. */
    private static JobOutcome.Completed completed(Vtry vtry, String jobId) {
        JobOutcome outcome = vtry.jobs().waitFor(jobId, job -> System.out.println(job.id() + " " + job.status()));
        if (outcome instanceof JobOutcome.Completed completed) {
            return completed;
        }
        throw new IllegalStateException("Job " + jobId + " ended " + outcome.job().status() + ": " + outcome.job().error());
    }

    private TryOnExample() {
    }
}
