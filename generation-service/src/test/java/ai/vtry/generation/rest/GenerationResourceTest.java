package ai.vtry.generation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.id.Ids;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import ai.vtry.generation.FakeInternalApis;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The rules of POST /api/v1/generations (docs/api-reference.md, "Generations"), at the service, with
 * the gateway's internal token and the module's fakes of person-, clothes- and job-service
 * ({@link FakeInternalApis}): a person id is composed and a cloth id found unless made otherwise there.
 * Accepted requests are checked by the job job-service received; refused ones by their error code and
 * the exact set of fields named.
 */
@QuarkusTest
class GenerationResourceTest {

    private static final String PATH = "/api/v1/generations";
    /** The opening line of every template prompt (the reference's example answer). */
    private static final String TEMPLATE_OPENING =
            "Edit the provided reference image(s) to create one photorealistic virtual try-on photograph.";
    private static final List<String> TEXT_FIELDS = List.of("promptPresetId", "promptPresetTitle", "scene", "activity",
            "composition", "cameraAngle", "cameraDistance", "lighting", "expression", "mood");

    private final ObjectMapper json = new ObjectMapper();

    @ConfigProperty(name = "quarkus.rest-client.job-service.url")
    String internalApis;

    private static String cloth() {
        return Ids.newId("cl");
    }

    private static List<String> clothes(int n) {
        return IntStream.range(0, n).mapToObj(i -> cloth()).toList();
    }

    /** A valid request with every optional field left out. */
    private static Map<String, Object> request(String model, String personId, List<String> clothesIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("personId", personId);
        body.put("clothesIds", clothesIds);
        return body;
    }

    private static Map<String, Object> request(String model) {
        return request(model, Ids.newId("pr"), List.of(cloth()));
    }

    private static Map<String, Object> with(Map<String, Object> body, Object... fieldsAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            copy.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return copy;
    }

    private String text(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ValidatableResponse post(Account account, String body) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON).body(body)
                .post(PATH).then();
    }

    private ValidatableResponse post(Account account, Map<String, Object> body) {
        return post(account, text(body));
    }

    /** A queued generation: the 202 answer and the body job-service received for it. */
    private record Queued(Map<String, Object> answer, Map<String, Object> job) {

        @SuppressWarnings("unchecked")
        Map<String, Object> parameters() {
            return (Map<String, Object>) job.get("parameters");
        }

        @SuppressWarnings("unchecked")
        List<String> imageKeys() {
            return (List<String>) job.get("imageKeys");
        }

        String prompt() {
            return (String) job.get("prompt");
        }
    }

    private Queued queue(Account account, Map<String, Object> body) {
        Map<String, Object> answer = post(account, body).statusCode(202).extract().jsonPath().getMap("");
        return new Queued(answer, FakeInternalApis.createdJob(internalApis, (String) answer.get("requestId")));
    }

    /** A 400 validationFailed naming exactly {@code fields}. */
    private static void refused(ValidatableResponse response, String... fields) {
        Map<String, Object> details = response.statusCode(400).body("error.code", equalTo("validationFailed"))
                .extract().jsonPath().getMap("error.details.fields");
        assertEquals(Set.of(fields), details == null ? Set.of() : details.keySet(), "fields named: " + details);
    }

    /** A 400 validationFailed naming some of {@code fields} and nothing else. */
    private static void refusedOnSomeOf(ValidatableResponse response, String... fields) {
        Map<String, Object> details = response.statusCode(400).body("error.code", equalTo("validationFailed"))
                .extract().jsonPath().getMap("error.details.fields");
        assertTrue(details != null && !details.isEmpty() && Set.of(fields).containsAll(details.keySet()),
                "fields named: " + details);
    }

    private static Map<String, Object> parameters(String model, String personId, List<String> clothesIds, String promptMode,
            Object... more) {
        Map<String, Object> expected = new LinkedHashMap<>(request(model, personId, clothesIds));
        expected.put("promptMode", promptMode);
        for (int i = 0; i < more.length; i += 2) {
            expected.put((String) more[i], more[i + 1]);
        }
        return expected;
    }

    // ---- accepted requests and their defaults

    @Test
    void aNanoBananaRequestGetsTheReferenceDefaults() {
        Account account = TestTokens.newAccount("free");
        String person = Ids.newId("pr");
        List<String> items = List.of(cloth());
        Queued queued = queue(account, request("NanoBanana", person, items));

        assertTrue(((String) queued.answer().get("requestId")).matches("req_[a-z0-9]{20}"), queued.answer().toString());
        assertEquals(person, queued.answer().get("personId"));
        assertEquals(items, queued.answer().get("clothesIds"));
        assertEquals("template", queued.answer().get("promptMode"));
        assertEquals(queued.prompt(), queued.answer().get("prompt"), "the answer shows the prompt sent to the model");
        assertTrue(queued.prompt().startsWith(TEMPLATE_OPENING), queued.prompt());

        assertEquals("generation", queued.job().get("kind"));
        assertEquals("NanoBanana", queued.job().get("model"));
        assertEquals(parameters("NanoBanana", person, items, "template",
                "aspectRatio", "auto", "outputFormat", "jpeg", "numImages", 1), queued.parameters());
        assertEquals(List.of(FakeInternalApis.personComposite(account.workspaceId(), person),
                FakeInternalApis.clothImage(account.workspaceId(), items.get(0))), queued.imageKeys());
    }

    @Test
    void aNanoBanana2RequestGetsTheReferenceDefaults() {
        Account account = TestTokens.newAccount("pro");
        String person = Ids.newId("pr");
        List<String> items = List.of(cloth());
        Queued queued = queue(account, request("NanoBanana2", person, items));

        assertEquals(parameters("NanoBanana2", person, items, "template",
                "aspectRatio", "9:16", "resolution", "1K", "outputFormat", "jpeg", "numImages", 1), queued.parameters());
    }

    @Test
    void theOptionsSentAreRecordedOnTheJob() {
        Account account = TestTokens.newAccount("pro");
        String person = Ids.newId("pr");
        List<String> items = List.of(cloth());
        Queued two = queue(account, with(request("NanoBanana2", person, items),
                "aspectRatio", "3:2", "resolution", "4K", "outputFormat", "png", "numImages", 1, "syncMode", true));
        assertEquals(parameters("NanoBanana2", person, items, "template", "aspectRatio", "3:2", "resolution", "4K",
                "outputFormat", "png", "numImages", 1, "syncMode", true), two.parameters());

        Queued one = queue(account, with(request("NanoBanana", person, items),
                "aspectRatio", "1:1", "outputFormat", "jpeg", "numImages", 4, "syncMode", false));
        assertEquals(parameters("NanoBanana", person, items, "template", "aspectRatio", "1:1",
                "outputFormat", "jpeg", "numImages", 4, "syncMode", false), one.parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16"})
    void everyAspectRatioOfTheReferenceIsAccepted(String ratio) {
        Queued queued = queue(TestTokens.newAccount("free"), with(request("NanoBanana"), "aspectRatio", ratio));
        assertEquals(ratio, queued.parameters().get("aspectRatio"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1K", "2K", "4K"})
    void everyResolutionOfTheReferenceIsAcceptedWithNanoBanana2(String resolution) {
        Queued queued = queue(TestTokens.newAccount("ultra"), with(request("NanoBanana2"), "resolution", resolution));
        assertEquals(resolution, queued.parameters().get("resolution"));
    }

    @Test
    void fieldsTheEndpointDoesNotKnowAreIgnored() {
        Queued queued = queue(TestTokens.newAccount("free"),
                with(request("NanoBanana"), "colour", "red", "extra", Map.of("nested", List.of(1, 2))));
        assertFalse(queued.parameters().containsKey("colour"));
    }

    // ---- required fields, and every wrong field at once

    @Test
    void modelPersonIdAndClothesIdsAreRequired() {
        Account account = TestTokens.newAccount("free");
        refused(post(account, Map.of()), "model", "personId", "clothesIds");
        Map<String, Object> blank = new LinkedHashMap<>();
        blank.put("model", null);
        blank.put("personId", " ");
        blank.put("clothesIds", List.of());
        refused(post(account, blank), "model", "personId", "clothesIds");
    }

    @Test
    void aMissingBodyIsReportedOnBody() {
        given().header("Authorization", TestTokens.newAccount("free").bearer()).contentType(ContentType.JSON)
                .post(PATH).then().statusCode(400).body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.keySet()", equalTo(Set.of("body")));
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        Account account = TestTokens.newAccount("free");
        String repeated = cloth();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "NanoBanana");
        body.put("clothesIds", List.of(repeated, cloth(), repeated)); // repeated, and 3 for NanoBanana
        body.put("promptMode", "raw"); // without prompt
        body.put("scene", "s".repeat(1001));
        body.put("aspectRatio", "7:3");
        body.put("resolution", "2K"); // with NanoBanana
        body.put("outputFormat", "gif");
        body.put("numImages", 9);
        refused(post(account, body), "personId", "clothesIds", "prompt", "scene", "aspectRatio", "resolution",
                "outputFormat", "numImages");

        Map<String, Object> texts = new LinkedHashMap<>(request("NanoBanana"));
        TEXT_FIELDS.forEach(field -> texts.put(field, "t".repeat(1001)));
        texts.put("prompt", "p".repeat(4001));
        List<String> named = new ArrayList<>(TEXT_FIELDS);
        named.add("prompt");
        refused(post(account, texts), named.toArray(String[]::new));
    }

    // ---- clothesIds

    @ParameterizedTest
    @CsvSource({"NanoBanana, 1", "NanoBanana, 2", "NanoBanana2, 1", "NanoBanana2, 7"})
    void upToTheModelsClothesLimitIsQueuedInTheOrderSent(String model, int count) {
        Account account = TestTokens.newAccount("pro");
        String person = Ids.newId("pr");
        List<String> items = clothes(count);
        Queued queued = queue(account, request(model, person, items));

        assertEquals(items, queued.answer().get("clothesIds"));
        assertEquals(items, queued.parameters().get("clothesIds"));
        List<String> expectedKeys = new ArrayList<>();
        expectedKeys.add(FakeInternalApis.personComposite(account.workspaceId(), person));
        items.forEach(id -> expectedKeys.add(FakeInternalApis.clothImage(account.workspaceId(), id)));
        assertEquals(expectedKeys, queued.imageKeys(), "the composite first, then the clothes in the order of clothesIds");
    }

    @ParameterizedTest
    @CsvSource({"NanoBanana, 3", "NanoBanana2, 8", "NanoBanana2, 20"})
    void moreClothesThanTheModelTakesAreRefused(String model, int count) {
        refused(post(TestTokens.newAccount("pro"), request(model, Ids.newId("pr"), clothes(count))), "clothesIds");
    }

    @Test
    void aClothListedTwiceIsRefused() {
        Account account = TestTokens.newAccount("pro");
        String twice = cloth();
        refused(post(account, request("NanoBanana", Ids.newId("pr"), List.of(twice, twice))), "clothesIds");
        refused(post(account, request("NanoBanana2", Ids.newId("pr"), List.of(twice, cloth(), twice))), "clothesIds");
    }

    @Test
    void anEmptyClothIdIsRefused() {
        Account account = TestTokens.newAccount("free");
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        refused(post(account, request("NanoBanana", Ids.newId("pr"), withNull)), "clothesIds");
        refused(post(account, request("NanoBanana", Ids.newId("pr"), List.of(cloth(), " "))), "clothesIds");
    }

    // ---- enumerations and numImages

    @ParameterizedTest
    @CsvSource({"model, NanoBanana3", "model, nano", "aspectRatio, 7:3", "aspectRatio, 9x16", "resolution, 8K",
            "resolution, 1k", "outputFormat, webp", "outputFormat, jpg", "promptMode, freestyle"})
    void aValueOutsideTheReferenceListIsRefused(String field, String value) {
        refused(post(TestTokens.newAccount("pro"), with(request("NanoBanana2"), field, value)), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1K", "2K", "4K"})
    void resolutionIsRefusedWithNanoBanana(String resolution) {
        refused(post(TestTokens.newAccount("pro"), with(request("NanoBanana"), "resolution", resolution)), "resolution");
    }

    @ParameterizedTest
    @CsvSource({"NanoBanana, 1", "NanoBanana, 2", "NanoBanana, 4", "NanoBanana2, 1"})
    void numImagesInRangeIsRecorded(String model, int numImages) {
        Queued queued = queue(TestTokens.newAccount("pro"), with(request(model), "numImages", numImages));
        assertEquals(numImages, queued.parameters().get("numImages"));
    }

    @ParameterizedTest
    @CsvSource({"NanoBanana, 0", "NanoBanana, -1", "NanoBanana, 5", "NanoBanana2, 0", "NanoBanana2, 2", "NanoBanana2, 4"})
    void numImagesOutOfRangeIsRefused(String model, int numImages) {
        refused(post(TestTokens.newAccount("pro"), with(request(model), "numImages", numImages)), "numImages");
    }

    @Test
    void numImagesBelowOneIsWrongWhateverTheModel() {
        refused(post(TestTokens.newAccount("pro"), with(request("NanoBanana4"), "numImages", 0)), "model", "numImages");
    }

    @Test
    void timeoutSecondsGoesToTheJobWithinOneToSixHundred() {
        Account account = TestTokens.newAccount("pro");
        assertEquals(90, queue(account, with(request("NanoBanana"), "timeoutSeconds", 90)).job().get("timeoutSeconds"));
        assertEquals(600, queue(account, with(request("NanoBanana"), "timeoutSeconds", 600)).job().get("timeoutSeconds"));
        assertEquals(null, queue(account, request("NanoBanana")).job().get("timeoutSeconds"));
        for (int wrong : new int[] {0, -1, 601}) {
            refused(post(account, with(request("NanoBanana"), "timeoutSeconds", wrong)), "timeoutSeconds");
        }
    }

    @Test
    void webhookUrlGoesToTheJobsParametersWhenItIsAnHttpUrl() {
        Account account = TestTokens.newAccount("pro");
        assertEquals("https://shop.test/hooks/vtry", queue(account, with(request("NanoBanana"), "webhookUrl",
                " https://shop.test/hooks/vtry ")).parameters().get("webhookUrl"));
        assertEquals(null, queue(account, request("NanoBanana")).parameters().get("webhookUrl"));
        for (String wrong : new String[] {"ftp://shop.test/x", "/hooks", "https://u:p@shop.test/x"}) {
            refused(post(account, with(request("NanoBanana"), "webhookUrl", wrong)), "webhookUrl");
        }
    }

    // ---- prompts and presets

    @Test
    void aPromptOfAtMost4000CharactersIsAccepted() {
        Account account = TestTokens.newAccount("free");
        String longest = "a".repeat(3999) + "b";
        Queued template = queue(account, with(request("NanoBanana"), "prompt", longest));
        assertTrue(template.prompt().startsWith(TEMPLATE_OPENING) && template.prompt().contains(longest));

        Queued raw = queue(account, with(request("NanoBanana"), "promptMode", "raw", "prompt", longest));
        assertEquals(longest, raw.prompt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"template", "preset", "raw"})
    void aPromptOver4000CharactersIsRefused(String mode) {
        Map<String, Object> body = with(request("NanoBanana"), "promptMode", mode, "prompt", "a".repeat(4001));
        if (mode.equals("preset")) {
            body.put("promptPresetId", "modern-gray-studio");
        }
        refused(post(TestTokens.newAccount("free"), body), "prompt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scene", "activity", "composition", "cameraAngle", "cameraDistance", "lighting", "expression", "mood"})
    void aTemplateTextOfAtMost1000CharactersFillsThePrompt(String field) {
        String longest = "x".repeat(999) + "z";
        Queued queued = queue(TestTokens.newAccount("free"), with(request("NanoBanana"), field, longest));
        assertTrue(queued.prompt().contains(longest), field + " is not in the prompt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"promptPresetId", "promptPresetTitle", "scene", "activity", "composition", "cameraAngle",
            "cameraDistance", "lighting", "expression", "mood"})
    void aTextFieldOver1000CharactersIsRefused(String field) {
        refused(post(TestTokens.newAccount("free"), with(request("NanoBanana"), field, "x".repeat(1001))), field);
    }

    @Test
    void theTemplateUsesTheSceneFieldsAndAddsThePrompt() {
        Queued queued = queue(TestTokens.newAccount("free"), with(request("NanoBanana"), "promptMode", "template",
                "scene", "a hotel lobby in warm morning light", "activity", "walking toward the camera",
                "prompt", "editorial look, keep the bag clearly visible"));
        assertEquals("template", queued.answer().get("promptMode"));
        assertTrue(queued.prompt().startsWith(TEMPLATE_OPENING), queued.prompt());
        for (String part : List.of("a hotel lobby in warm morning light", "walking toward the camera",
                "editorial look, keep the bag clearly visible")) {
            assertTrue(queued.prompt().contains(part), part + " is not in the prompt");
        }
    }

    @Test
    void rawSendsThePromptAsItIs() {
        String prompt = "A photo of image 1 wearing image 2.\nStudio light; 50 mm lens!";
        Queued queued = queue(TestTokens.newAccount("free"), with(request("NanoBanana"), "promptMode", "raw", "prompt", prompt));
        assertEquals("raw", queued.answer().get("promptMode"));
        assertEquals(prompt, queued.answer().get("prompt"));
        assertEquals(prompt, queued.prompt());
        assertEquals("raw", queued.parameters().get("promptMode"));
    }

    @Test
    void rawWithoutAPromptIsRefused() {
        refused(post(TestTokens.newAccount("free"), with(request("NanoBanana"), "promptMode", "raw")), "prompt");
    }

    @Test
    void namingAPresetMakesPresetTheDefaultMode() {
        Account account = TestTokens.newAccount("free");
        String person = Ids.newId("pr");
        List<String> items = List.of(cloth());
        Queued byId = queue(account, with(request("NanoBanana", person, items), "promptPresetId", "city-walk-pose"));
        assertEquals("preset", byId.answer().get("promptMode"));
        assertEquals(parameters("NanoBanana", person, items, "preset", "promptPresetId", "city-walk-pose",
                "aspectRatio", "auto", "outputFormat", "jpeg", "numImages", 1), byId.parameters());

        Queued byTitle = queue(account, with(request("NanoBanana"), "promptPresetTitle", "mODERN gray STUDIO",
                "prompt", "the jacket open, fully visible"));
        assertEquals("preset", byTitle.answer().get("promptMode"));
        assertEquals("modern-gray-studio", byTitle.parameters().get("promptPresetId"));
        assertTrue(byTitle.prompt().contains("the jacket open, fully visible"), byTitle.prompt());

        Queued both = queue(account, with(request("NanoBanana"), "promptMode", "preset",
                "promptPresetId", "city-walk-pose", "promptPresetTitle", "City Walk Pose"));
        assertEquals("city-walk-pose", both.parameters().get("promptPresetId"));
    }

    @Test
    void anUnknownPresetIsRefused() {
        Account account = TestTokens.newAccount("free");
        refused(post(account, with(request("NanoBanana"), "promptPresetId", "no-such-preset")), "promptPresetId");
        refused(post(account, with(request("NanoBanana"), "promptPresetTitle", "No Such Preset")), "promptPresetTitle");
    }

    @Test
    void aPresetOutsidePresetModeIsRefused() {
        Account account = TestTokens.newAccount("free");
        refused(post(account, with(request("NanoBanana"), "promptMode", "template", "promptPresetId", "modern-gray-studio")),
                "promptPresetId");
        refused(post(account, with(request("NanoBanana"), "promptMode", "raw", "prompt", "a photo",
                "promptPresetTitle", "Modern Gray Studio")), "promptPresetTitle");
    }

    @Test
    void presetModeNeedsOnePresetNamedOnce() {
        Account account = TestTokens.newAccount("free");
        refusedOnSomeOf(post(account, with(request("NanoBanana"), "promptMode", "preset")),
                "promptPresetId", "promptPresetTitle");
        refusedOnSomeOf(post(account, with(request("NanoBanana"), "promptMode", "preset",
                "promptPresetId", "city-walk-pose", "promptPresetTitle", "Modern Gray Studio")),
                "promptPresetId", "promptPresetTitle");
    }

    // ---- wrong JSON

    @Test
    void aBodyThatIsNotJsonIsInvalidJson() {
        Account account = TestTokens.newAccount("free");
        for (String body : List.of("{\"model\": \"NanoBanana\",", "model=NanoBanana", "{'model': 'NanoBanana'}")) {
            post(account, body).statusCode(400).body("error.code", equalTo("invalidJson"));
        }
    }

    /** The reference: "a known field with the wrong JSON type is a validationFailed naming it". */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {"numImages | \"two\"", "numImages | \"2\"", "numImages | 1.5", "numImages | true",
            "syncMode | \"true\"", "syncMode | 1", "prompt | 42",
            "clothesIds | \"cl_abcdefghijklmnopqrst\"", "clothesIds | {\"id\": 1}", "personId | {\"id\": 1}",
            "personId | [\"pr_abcdefghijklmnopqrst\"]", "syncMode | \"yes\"", "scene | [\"a beach\"]"})
    void aKnownFieldOfTheWrongJsonTypeIsNamed(String field, String value) throws JsonProcessingException {
        Map<String, Object> body = request("NanoBanana");
        body.put(field, json.readTree(value));
        refused(post(TestTokens.newAccount("free"), body), field);
    }

    @Test
    void aBodyThatIsNotJsonByItsTypeIsUnsupported() {
        given().header("Authorization", TestTokens.newAccount("free").bearer()).contentType(ContentType.TEXT)
                .body(text(request("NanoBanana"))).post(PATH)
                .then().statusCode(415).body("error.code", equalTo("unsupportedMediaType"));
    }

    // ---- plan, lookups, and the order of the checks

    @Test
    void nanoBanana2NeedsAPaidPlanOnceTheFieldsAreValid() {
        Account free = TestTokens.newAccount("free");
        post(free, request("NanoBanana2")).statusCode(403).body("error.code", equalTo("planRequired"));
        refused(post(free, with(request("NanoBanana2"), "aspectRatio", "7:3")), "aspectRatio");
        // planRequired comes before the lookups: an unknown person is not revealed
        post(free, request("NanoBanana2", FakeInternalApis.unknownPerson(), List.of(cloth())))
                .statusCode(403).body("error.code", equalTo("planRequired"));
        queue(TestTokens.newAccount("pro"), request("NanoBanana2"));
        queue(TestTokens.newAccount("ultra"), request("NanoBanana2"));
    }

    @Test
    void anUnknownPersonIsNotFoundWithItsId() {
        String person = FakeInternalApis.unknownPerson();
        post(TestTokens.newAccount("free"), request("NanoBanana", person, List.of(cloth())))
                .statusCode(404).body("error.code", equalTo("notFound")).body("error.details.id", equalTo(person));
    }

    @Test
    void unknownClothesAreNotFoundAllAtOnce() {
        String first = FakeInternalApis.unknownCloth();
        String second = FakeInternalApis.unknownCloth();
        post(TestTokens.newAccount("pro"), request("NanoBanana2", Ids.newId("pr"), List.of(first, cloth(), second)))
                .statusCode(404).body("error.code", equalTo("notFound"))
                .body("error.details.field", equalTo("clothesIds"))
                .body("error.details.ids", equalTo(List.of(first, second)));
    }

    @Test
    void aPersonWithoutACompositeIsCompositeRequired() {
        String person = FakeInternalApis.uncomposedPerson();
        post(TestTokens.newAccount("free"), request("NanoBanana", person, List.of(cloth())))
                .statusCode(400).body("error.code", equalTo("compositeRequired"))
                .body("error.details.personId", equalTo(person));
    }

    @Test
    void theChecksComeInTheReferenceOrder() {
        Account account = TestTokens.newAccount("free");
        // validationFailed before any lookup
        refused(post(account, with(request("NanoBanana", FakeInternalApis.unknownPerson(), List.of(cloth())),
                "outputFormat", "tiff")), "outputFormat");
        // notFound before compositeRequired
        String missing = FakeInternalApis.unknownCloth();
        post(account, request("NanoBanana", FakeInternalApis.uncomposedPerson(), List.of(missing)))
                .statusCode(404).body("error.code", equalTo("notFound")).body("error.details.ids", equalTo(List.of(missing)));
    }

    @Test
    void aPersonServiceThatFailsIsABadGatewayNamingIt() {
        post(TestTokens.newAccount("free"), request("NanoBanana", FakeInternalApis.failingPerson(), List.of(cloth())))
                .statusCode(502).body("error.code", equalTo("personServiceUnavailable"));
    }

    @Test
    void needsTheInternalToken() {
        given().contentType(ContentType.JSON).body(text(request("NanoBanana"))).post(PATH).then().statusCode(401);
    }
}
