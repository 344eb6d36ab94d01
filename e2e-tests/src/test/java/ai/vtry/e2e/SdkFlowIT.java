package ai.vtry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import ai.vtry.client.AuthenticationException;
import ai.vtry.client.BadRequestException;
import ai.vtry.client.ConflictException;
import ai.vtry.client.NotFoundException;
import ai.vtry.client.PermissionException;
import ai.vtry.client.Vtry;
import ai.vtry.client.WebhookVerifier;
import ai.vtry.client.model.AddClothRequest;
import ai.vtry.client.model.AddImagesRequest;
import ai.vtry.client.model.AspectRatio;
import ai.vtry.client.model.ClothMode;
import ai.vtry.client.model.CreatePersonRequest;
import ai.vtry.client.model.CreateWebhookRequest;
import ai.vtry.client.model.EditRequest;
import ai.vtry.client.model.GenerationRequest;
import ai.vtry.client.model.HistoryKind;
import ai.vtry.client.model.HistoryPage;
import ai.vtry.client.model.ImageFile;
import ai.vtry.client.model.Job;
import ai.vtry.client.model.JobOutcome;
import ai.vtry.client.model.JobStatus;
import ai.vtry.client.model.Model;
import ai.vtry.client.model.Person;
import ai.vtry.client.model.PersonUpload;
import ai.vtry.client.model.UsageGroupBy;
import ai.vtry.client.model.UsageQuery;
import ai.vtry.client.model.UsageReport;
import ai.vtry.client.model.Webhook;
import ai.vtry.client.model.WebhookDelivery;
import ai.vtry.client.model.WebhookDeliveryPage;
import ai.vtry.client.model.WebhookSecret;
import ai.vtry.common.testsupport.TestImages;

/**
 * The Java SDK (clients/java) against the real stack: the README's walkthrough, retries, idempotency, errors,
 * webhooks received and verified as a customer would.
 */
class SdkFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as a customer's receiver got it, and whether its WebhookVerifier accepted it. */
    private record Received(String id, String timestamp, String signature, byte[] body, boolean valid) {
    }

    private static Vtry client(String apiKey) {
        return Vtry.builder().apiKey(apiKey).baseUrl(Stack.GATEWAY).build();
    }

    private static JobOutcome.Completed completed(JobOutcome outcome) {
        return assertInstanceOf(JobOutcome.Completed.class, outcome, () -> "job ended " + outcome.job());
    }

    /** A person with one photo and a finished composite, and a garment; returns {person id, cloth id}. */
    private static String[] personAndCloth(Vtry vtry) {
        String person = vtry.persons().create(CreatePersonRequest.builder()
                .name("sdk-" + UUID.randomUUID().toString().substring(0, 8))
                .file(ImageFile.of("front.jpg", TestImages.jpeg(600, 900, new Color(200, 150, 120)))).build()).person().id();
        completed(vtry.jobs().waitFor(vtry.persons().compose(person, Model.NANO_BANANA).requestId()));
        completed(vtry.jobs().waitFor(vtry.clothes().add(AddClothRequest.builder().mode(ClothMode.DIRECT)
                .file(ImageFile.of("garment.png", TestImages.png(400, 500, Color.RED))).build()).requestId()));
        return new String[] {person, vtry.clothes().list().clothes().get(0).id()};
    }

    @Test
    void theReadmeWalkthroughWithTheSdk(@TempDir Path out) throws Exception {
        Vtry vtry = client(Stack.newAccount("pro"));
        assertEquals("pro", vtry.me().get().subscription().planId());
        assertFalse(vtry.presets().list().presets().isEmpty());

        // A person from two reference photos, then a third one.
        Path front = Files.write(out.resolve("front.jpg"), TestImages.jpeg(600, 900, new Color(200, 150, 120)));
        PersonUpload created = vtry.persons().create(CreatePersonRequest.builder()
                .name("Alice " + UUID.randomUUID().toString().substring(0, 6)).file(front)
                .file(ImageFile.of("side.jpg", TestImages.jpeg(500, 800, new Color(180, 130, 100)))).build());
        String person = created.person().id();
        assertEquals(2, created.files().size());
        assertEquals(1, created.remaining());
        assertEquals(0, vtry.persons().addImages(person, AddImagesRequest.builder()
                .file(ImageFile.of("back.jpg", TestImages.jpeg(500, 800, new Color(160, 120, 90)))).build()).remaining());
        assertEquals(3, vtry.persons().images(person).images().size());

        // The composite: a job followed by its events; COMPLETED means it is the person's cover already.
        List<JobStatus> states = new ArrayList<>();
        JobOutcome.Completed composite = completed(vtry.jobs().waitFor(vtry.persons().compose(person, Model.NANO_BANANA)
                .requestId(), Duration.ofMinutes(2), job -> states.add(job.status())));
        assertEquals(JobStatus.COMPLETED, states.get(states.size() - 1));
        assertEquals("person-compose", composite.job().kind());
        BufferedImage compositeImage = Stack.decode(Files.readAllBytes(
                vtry.downloads().download(composite.job().imageUrl(), out.resolve("composite.jpg"))));
        assertTrue(compositeImage.getWidth() > compositeImage.getHeight(), "a 1x3 composite is wide");
        Person listed = vtry.persons().list().stream().filter(p -> p.id().equals(person)).findFirst().orElseThrow();
        assertNotNull(listed.coverUrl());

        // A garment; its job COMPLETED means it is listed.
        completed(vtry.jobs().waitFor(vtry.clothes().add(AddClothRequest.builder().mode(ClothMode.DIRECT)
                .file(ImageFile.of("jacket.png", TestImages.png(400, 500, Color.BLUE))).build()).requestId()));
        String cloth = vtry.clothes().list().clothes().get(0).id();

        // The try-on, then an edit of it, both downloaded as real images.
        String tryOn = vtry.generations().create(GenerationRequest.builder().model(Model.NANO_BANANA).personId(person)
                .cloth(cloth).scene("a rainy street in Paris").aspectRatio(AspectRatio.RATIO_3_4).build()).requestId();
        JobOutcome.Completed generated = completed(vtry.jobs().waitFor(tryOn));
        assertEquals(1, generated.images().size());
        BufferedImage tryOnImage = Stack.decode(Files.readAllBytes(
                vtry.downloads().download(generated.job().imageUrl(), out.resolve("tryon.jpg"))));
        assertTrue(tryOnImage.getHeight() > tryOnImage.getWidth(), "3:4 is portrait");

        String edit = vtry.edits().create(EditRequest.builder().jobId(tryOn).prompt("change the jacket color to deep green")
                .build()).requestId();
        JobOutcome.Completed edited = completed(vtry.jobs().waitFor(edit));
        Stack.decode(Files.readAllBytes(vtry.downloads().download(edited.job().imageUrl(), out.resolve("edited.jpg"))));

        // History and usage count exactly this account's jobs.
        HistoryPage images = vtry.history().list();
        assertEquals(List.of(edit, tryOn), images.jobs().stream().map(Job::id).toList(), "newest first");
        assertEquals(4, vtry.history().list(1, 100, HistoryKind.ALL).total());
        UsageReport usage = vtry.usage().get(UsageQuery.builder().groupBy(UsageGroupBy.KIND).build());
        assertEquals(4, usage.total().jobs().completed());
        assertEquals(Set.of("person-compose", "clothes-upload", "generation", "edit"),
                usage.groups().stream().map(UsageReport.Group::key).collect(Collectors.toSet()));
    }

    @Test
    void aBurstPastTheReadLimitCompletesThanksToRetries() {
        // 70 reads at once on an account allowed 60 a minute: 10 are refused with Retry-After and the
        // client sends them again once the window has room.
        Vtry vtry = client(Stack.newAccount("free"));
        long start = System.nanoTime();

        List<CompletableFuture<List<Person>>> reads = IntStream.range(0, 70).mapToObj(i -> vtry.persons().listAsync()).toList();
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();

        reads.forEach(read -> assertEquals(List.of(), read.join()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.toSeconds() >= 20, "the refused reads waited for the window (took " + took + ")");
    }

    @Test
    void aPostSentAgainWithItsKeyCreatesOnce() {
        Vtry vtry = client(Stack.newAccount("pro"));
        String[] personAndCloth = personAndCloth(vtry);
        GenerationRequest request = GenerationRequest.builder().model(Model.NANO_BANANA).personId(personAndCloth[0])
                .cloth(personAndCloth[1]).idempotencyKey(UUID.randomUUID().toString()).build();

        String first = vtry.generations().create(request).requestId();
        String again = vtry.generations().create(request).requestId();

        assertEquals(first, again);
        completed(vtry.jobs().waitFor(first));
        assertEquals(1, vtry.history().list().total());

        // An upload too: each send has a new multipart boundary, and it still counts as the same request.
        CreatePersonRequest upload = CreatePersonRequest.builder().name("ada").idempotencyKey(UUID.randomUUID().toString())
                .file(ImageFile.of("front.jpg", TestImages.jpeg(300, 400, Color.GRAY))).build();
        assertEquals(vtry.persons().create(upload).person().id(), vtry.persons().create(upload).person().id());
        assertEquals(1, vtry.persons().list().stream().filter(p -> p.name().equals("ada")).count());
    }

    @Test
    void errorsAreTypedWithTheirCodeFieldsAndRequestId() {
        String freeKey = Stack.newAccount("free");
        Vtry vtry = client(freeKey);

        BadRequestException invalid = assertThrows(BadRequestException.class,
                () -> vtry.generations().create(GenerationRequest.builder().model(Model.NANO_BANANA).cloth("cl_a").build()));
        assertEquals("validationFailed", invalid.code());
        assertTrue(invalid.fieldErrors().containsKey("personId"), invalid.fieldErrors().toString());
        assertNotNull(invalid.requestId());

        AuthenticationException unknownKey = assertThrows(AuthenticationException.class,
                () -> client("vtry_" + "A".repeat(43)).me().get());
        assertEquals("invalidApiKey", unknownKey.code());
        assertEquals(401, unknownKey.status());

        PermissionException paidOnly = assertThrows(PermissionException.class, () -> vtry.generations().create(
                GenerationRequest.builder().model(Model.NANO_BANANA_2).personId("pr_any").cloth("cl_a").build()));
        assertEquals("planRequired", paidOnly.code());

        NotFoundException missing = assertThrows(NotFoundException.class, () -> vtry.jobs().get("req_doesnotexist"));
        assertEquals("notFound", missing.code());
        assertEquals("req_doesnotexist", missing.details().get("id"));

        CreatePersonRequest bob = CreatePersonRequest.builder().name("bob")
                .file(ImageFile.of("a.jpg", TestImages.jpeg(200, 300, Color.CYAN))).build();
        vtry.persons().create(bob);
        ConflictException taken = assertThrows(ConflictException.class, () -> vtry.persons().create(bob));
        assertEquals("personExists", taken.code());
    }

    @Test
    void aRotatedKeyReplacesTheOldOneAndTheClientGoesOnWithIt() {
        String oldKey = Stack.newAccount("free");
        Vtry vtry = client(oldKey);
        String newKey = vtry.me().rotateKey();
        assertTrue(newKey.startsWith("vtry_") && !newKey.equals(oldKey), newKey);
        assertEquals("free", vtry.me().get().subscription().planId()); // this client now sends the new key
        assertEquals("free", client(newKey).me().get().subscription().planId());
        assertEquals("invalidApiKey", assertThrows(AuthenticationException.class, () -> client(oldKey).me().get()).code());
    }

    @Test
    void aWebhookEndpointGetsTestEventsItVerifiesAcrossASecretRotation() throws Exception {
        Vtry vtry = client(Stack.newAccount("free"));
        // The customer's receiver: verifies each request with the secret it holds, 204 if valid, else 400.
        AtomicReference<WebhookVerifier> verifier = new AtomicReference<>();
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Headers headers = exchange.getRequestHeaders();
            String id = headers.getFirst(WebhookVerifier.ID_HEADER);
            String timestamp = headers.getFirst(WebhookVerifier.TIMESTAMP_HEADER);
            String signature = headers.getFirst(WebhookVerifier.SIGNATURE_HEADER);
            WebhookVerifier current = verifier.get();
            boolean valid = current != null && current.isValid(id, timestamp, signature, body);
            received.add(new Received(id, timestamp, signature, body, valid));
            exchange.sendResponseHeaders(valid ? 204 : 400, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Webhook hook = vtry.webhooks().create(CreateWebhookRequest.builder()
                    .url("http://127.0.0.1:" + receiver.getAddress().getPort() + "/vtry-events")
                    .event(Webhook.JOB_COMPLETED).description("sdk e2e").build());
            assertTrue(hook.secret().startsWith("whsec_"), "the secret comes with the creation");
            assertNull(vtry.webhooks().get(hook.id()).secret(), "and only then");
            verifier.set(new WebhookVerifier(hook.secret()));

            WebhookDelivery first = vtry.webhooks().sendTest(hook.id());
            assertEquals(Webhook.TEST_EVENT, first.type());
            Received one = arrival(received, first.eventId());
            assertTrue(one.valid(), "the receiver verified it with the secret from create");
            assertEquals(Webhook.TEST_EVENT, JSON.readTree(one.body()).path("type").asText());
            assertEquals(hook.id(), JSON.readTree(one.body()).path("data").path("webhookId").asText());

            // After a rotation each delivery is signed with both secrets, so either receiver accepts it.
            WebhookSecret rotated = vtry.webhooks().rotateSecret(hook.id());
            assertEquals(hook.id(), rotated.id());
            assertNotEquals(hook.secret(), rotated.secret());
            assertNotNull(rotated.previousSecretExpiresAt());
            WebhookVerifier previous = new WebhookVerifier(hook.secret());
            WebhookVerifier next = new WebhookVerifier(rotated.secret());
            verifier.set(next);
            WebhookDelivery second = vtry.webhooks().sendTest(hook.id());
            Received two = arrival(received, second.eventId());
            assertTrue(two.valid(), "the receiver verified it with the new secret");
            assertTrue(previous.isValid(two.id(), two.timestamp(), two.signature(), two.body()), "the previous secret");
            assertTrue(next.isValid(two.id(), two.timestamp(), two.signature(), two.body()), "the new secret");
            assertFalse(next.isValid(one.id(), one.timestamp(), one.signature(), one.body()),
                    "the first was signed before the new secret existed");

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                WebhookDeliveryPage log = vtry.webhooks().deliveries(hook.id(), 1, 10);
                assertEquals(2, log.total());
                assertEquals(List.of(second.id(), first.id()), log.deliveries().stream().map(WebhookDelivery::id).toList(),
                        "newest first");
                assertTrue(log.deliveries().stream().allMatch(WebhookDelivery::delivered), log.deliveries().toString());
            });
            assertEquals(List.of(first.eventId(), second.eventId()), received.stream().map(Received::id).toList(),
                    "each once, none refused");

            assertTrue(vtry.webhooks().delete(hook.id()).deleted());
            assertThrows(NotFoundException.class, () -> vtry.webhooks().get(hook.id()));
        } finally {
            receiver.stop(0);
        }
    }

    /** The request the receiver got with this {@code webhook-id}, once it has come (30 s at most). */
    private static Received arrival(List<Received> received, String webhookId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> received.stream().filter(r -> webhookId.equals(r.id())).findFirst().orElse(null),
                found -> found != null);
    }
}
