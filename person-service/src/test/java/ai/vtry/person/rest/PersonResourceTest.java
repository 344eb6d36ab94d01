package ai.vtry.person.rest;

import static ai.vtry.person.PersonApi.BLUE_JPEG;
import static ai.vtry.person.PersonApi.GREEN_PNG;
import static ai.vtry.person.PersonApi.RED_PNG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.TestImages;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import ai.vtry.person.PersonApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

@QuarkusTest
class PersonResourceTest {

    private static final String PERSONS = "/api/v1/persons";
    private static final String PERSON = "/api/v1/persons/{id}";
    private static final String IMAGES = "/api/v1/persons/{id}/images";
    private static final String COMPOSE = "/api/v1/persons/{id}/compose";

    /** A local "remote" server for URL imports; 127.0.0.1 is allow-listed under %test. */
    private static HttpServer remote;
    private static String remoteUrl;
    private static final Map<String, String> referers = new ConcurrentHashMap<>();
    /** 50 MP (200 MB decoded) in a file of a few hundred KB. */
    private static final byte[] BOMB = TestImages.blankPng(8_660, 5_774);

    @Inject
    ObjectStorage storage;

    @BeforeAll
    static void startRemote() throws IOException {
        remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/person.png", exchange -> {
            referers.put(exchange.getRequestURI().getQuery(), String.valueOf(exchange.getRequestHeaders().getFirst("Referer")));
            respond(exchange, 200, "image/png", RED_PNG);
        });
        remote.createContext("/lying.jpg", exchange -> respond(exchange, 200, "image/jpeg",
                "<html>not an image</html>".getBytes(StandardCharsets.UTF_8)));
        remote.createContext("/bomb.png", exchange -> respond(exchange, 200, "image/png", BOMB));
        remote.start();
        remoteUrl = "http://127.0.0.1:" + remote.getAddress().getPort();
    }

    @AfterAll
    static void stopRemote() {
        remote.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer);
    }

    private byte[] stored(String key) {
        return storage.read(key);
    }

    private boolean exists(String key) throws IOException {
        try (InputStream in = storage.open(key)) {
            return in != null;
        }
    }

    // ---------------------------------------------------------------- create and list

    @Test
    void createsAPersonFromUploadedFiles() {
        Account account = TestTokens.newAccount("free");
        String bearer = account.bearer();
        String prefix = "persons/" + account.workspaceId() + "/zoe-smith/";

        JsonPath created = as(bearer)
                // curl sends UTF-8 as is; RestAssured needs to be told
                .multiPart("name", "Zoë Smith", "text/plain; charset=UTF-8")
                .multiPart("files", "front.png", RED_PNG, "image/png")
                .multiPart("files", "side.jpg", BLUE_JPEG, "application/octet-stream")
                .post(PERSONS)
                .then().statusCode(201)
                .body("person.id", startsWith("pr_"))
                .body("person.name", equalTo("zoe-smith"))
                .body("remaining", equalTo(1))
                .body("files", hasSize(2))
                .body("files[0].key", allOf(startsWith(prefix), endsWith(".png")))
                .body("files[0].url", allOf(startsWith("http://localhost:8080/files/persons/"), containsString("signature=")))
                .body("files[0].fileName", equalTo("front.png"))
                .body("files[0].contentType", equalTo("image/png"))
                .body("files[0].size", equalTo(RED_PNG.length))
                .body("files[1].key", allOf(startsWith(prefix), endsWith(".jpg")))
                .body("files[1].fileName", equalTo("side.jpg"))
                // sniffed from the bytes, not what the client declared
                .body("files[1].contentType", equalTo("image/jpeg"))
                .body("files[1].size", equalTo(BLUE_JPEG.length))
                .extract().jsonPath();
        String id = created.getString("person.id");
        List<String> keys = created.getList("files.key");

        assertArrayEquals(RED_PNG, stored(keys.get(0)));
        assertArrayEquals(BLUE_JPEG, stored(keys.get(1)));

        as(bearer).get(PERSONS).then().statusCode(200)
                .body("persons", hasSize(1))
                .body("persons[0].id", equalTo(id))
                .body("persons[0].name", equalTo("zoe-smith"))
                .body("persons[0]", hasKey("coverUrl"))
                .body("persons[0].coverUrl", nullValue());
        as(bearer).get(IMAGES, id).then().statusCode(200)
                .body("person.id", equalTo(id))
                .body("person.name", equalTo("zoe-smith"))
                .body("images.key", contains(keys.toArray()))
                .body("images[0].url", containsString("/files/persons/"));
    }

    @Test
    void listsTheWorkspacesPeopleNewestFirst() {
        String bearer = TestTokens.newAccount("free").bearer();
        String first = PersonApi.create(bearer, "first", 1).getString("person.id");
        String second = PersonApi.create(bearer, "second", 1).getString("person.id");

        as(bearer).get(PERSONS).then().statusCode(200).body("persons.id", contains(second, first));
        as(TestTokens.newAccount("free").bearer()).get(PERSONS).then().statusCode(200).body("persons", empty());
    }

    @Test
    void refusesUploadsThatBreakTheRules() throws IOException {
        String bearer = TestTokens.newAccount("free").bearer();

        as(bearer).multiPart("name", "alice").post(PERSONS).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.files[0]", containsString("files or an imageUrl"));
        as(bearer).multiPart("name", "alice").multiPart("files", "a.png", RED_PNG, "image/png")
                .multiPart("imageUrl", remoteUrl + "/person.png").post(PERSONS).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.imageUrl[0]", equalTo("Send either files or imageUrl, not both"));
        RequestSpecification four = as(bearer).multiPart("name", "alice");
        for (int i = 0; i < 4; i++) {
            four.multiPart("files", "f" + i + ".png", RED_PNG, "image/png");
        }
        four.post(PERSONS).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.files", contains("At most 3 files can be uploaded, got 4"));
        as(bearer).multiPart("name", "alice")
                .multiPart("files", "ok.png", RED_PNG, "image/png")
                .multiPart("files", "notes.txt", "just text".getBytes(StandardCharsets.UTF_8), "image/png")
                .post(PERSONS).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.files", contains("files[1] (notes.txt) is not a JPEG, PNG or WebP image"));
        byte[] fakePng = new byte[200];
        System.arraycopy(RED_PNG, 0, fakePng, 0, 16); // a PNG signature, then nothing decodable
        as(bearer).multiPart("name", "alice").multiPart("files", "broken.png", fakePng, "image/png")
                .post(PERSONS).then().statusCode(400)
                .body("error.details.fields.files", contains("files[0] (broken.png) is not a JPEG, PNG or WebP image"));

        Path big = Files.createTempFile("oversized", ".png");
        try {
            try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
                file.write(RED_PNG);
                file.setLength(10L * 1024 * 1024 + 1);
            }
            as(bearer).multiPart("name", "alice").multiPart("files", big.toFile(), "image/png")
                    .post(PERSONS).then().statusCode(400)
                    .body("error.code", equalTo("validationFailed"))
                    .body("error.details.fields.files[0]", endsWith("is larger than 10 MB"));
        } finally {
            Files.delete(big);
        }

        as(bearer).multiPart("files", "a.png", RED_PNG, "image/png").post(PERSONS).then().statusCode(400)
                .body("error.details.fields.name", contains("name is required"));
        as(bearer).multiPart("name", "¿¡!!").multiPart("files", "a.png", RED_PNG, "image/png").post(PERSONS)
                .then().statusCode(400)
                .body("error.details.fields.name", contains("name must contain at least one letter or digit"));
        // every problem at once
        as(bearer).multiPart("imageUrl", " ").post(PERSONS).then().statusCode(400)
                .body("error.details.fields", hasKey("name"))
                .body("error.details.fields", hasKey("files"));

        as(bearer).get(PERSONS).then().statusCode(200).body("persons", empty());
    }

    @Test
    void anImageIsAcceptedOnlyIfItDecodesCompletelyWithinTheLimit() {
        String bearer = TestTokens.newAccount("free").bearer();
        byte[] photo = TestImages.jpeg(600, 800, java.awt.Color.ORANGE);
        byte[] png = TestImages.png(600, 800, java.awt.Color.CYAN);
        as(bearer).multiPart("name", "cut").multiPart("files", "cut.jpg", java.util.Arrays.copyOf(photo, photo.length * 9 / 10), "image/jpeg")
                .post(PERSONS).then().statusCode(400).body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.files", contains("files[0] (cut.jpg) is damaged or cut short: it does not decode completely"));
        as(bearer).multiPart("name", "cut").multiPart("files", "cut.png", java.util.Arrays.copyOf(png, png.length - 20), "image/png")
                .post(PERSONS).then().statusCode(400)
                .body("error.details.fields.files", contains("files[0] (cut.png) is damaged or cut short: it does not decode completely"));
        as(bearer).multiPart("name", "bomb").multiPart("files", "bomb.png", BOMB, "image/png")
                .post(PERSONS).then().statusCode(400)
                .body("error.details.fields.files", contains("files[0] (bomb.png) is 8660 x 5774 pixels; at most 18 megapixels are accepted"));
        as(bearer).multiPart("name", "bomb").multiPart("imageUrl", remoteUrl + "/bomb.png")
                .post(PERSONS).then().statusCode(400).body("error.code", equalTo("notAnImage"))
                .body("error.message", equalTo("The image at the URL is 8660 x 5774 pixels; at most 18 megapixels are accepted"));
        as(bearer).get(PERSONS).then().statusCode(200).body("persons", empty());
        as(bearer).multiPart("name", "whole").multiPart("files", "whole.png", png, "image/png").post(PERSONS).then().statusCode(201);
    }

    @Test
    void aMultipartBodyCutShortOrMalformedIsABadRequest() {
        String bearer = TestTokens.newAccount("free").bearer();
        String boundary = "vtry-boundary";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nalice\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        byte[] start = head.getBytes(StandardCharsets.US_ASCII);
        byte[] cut = java.util.Arrays.copyOf(start, start.length + RED_PNG.length / 2); // no closing boundary
        System.arraycopy(RED_PNG, 0, cut, start.length, RED_PNG.length / 2);
        as(bearer).contentType("multipart/form-data; boundary=" + boundary).body(cut).post(PERSONS).then()
                .statusCode(400).body("error.code", equalTo("malformedBody"))
                .body("error.message", equalTo("The request body is cut short or is not valid multipart/form-data"));
        as(bearer).contentType("multipart/form-data").body("--x\r\nnot a part at all".getBytes(StandardCharsets.US_ASCII))
                .post(PERSONS).then().statusCode(400).body("error.code", org.hamcrest.Matchers.notNullValue());
        as(bearer).contentType("multipart/form-data; boundary=" + boundary).body("garbage without any boundary".getBytes(StandardCharsets.US_ASCII))
                .post(PERSONS).then().statusCode(400).body("error.code", org.hamcrest.Matchers.notNullValue());
        as(bearer).get(PERSONS).then().statusCode(200).body("persons", empty());
    }

    @Test
    void aNameIsUsedOncePerWorkspace() {
        String bearer = TestTokens.newAccount("free").bearer();
        PersonApi.create(bearer, "Alice", 1);

        as(bearer).multiPart("name", "alice!").multiPart("files", "a.png", RED_PNG, "image/png")
                .post(PERSONS).then().statusCode(409)
                .body("error.code", equalTo("personExists"))
                .body("error.message", containsString("alice"));
        as(bearer).get(PERSONS).then().body("persons", hasSize(1));

        PersonApi.create(TestTokens.newAccount("free").bearer(), "alice", 1);
    }

    // ---------------------------------------------------------------- URL imports

    @Test
    void importsAnImageFromAUrlWithTheSourcePageAsReferer() {
        String bearer = TestTokens.newAccount("free").bearer();

        JsonPath created = as(bearer)
                .multiPart("name", "from-url")
                .multiPart("imageUrl", remoteUrl + "/person.png?create")
                .multiPart("sourcePageUrl", remoteUrl + "/lookbook.html")
                .post(PERSONS).then().statusCode(201)
                .body("person.name", equalTo("from-url"))
                .body("remaining", equalTo(2))
                .body("files", hasSize(1))
                .body("files[0].fileName", equalTo("person.png"))
                .body("files[0].contentType", equalTo("image/png"))
                .body("files[0].size", equalTo(RED_PNG.length))
                .extract().jsonPath();
        assertEquals(remoteUrl + "/lookbook.html", referers.get("create"));
        assertArrayEquals(RED_PNG, stored(created.getString("files[0].key")));

        String id = created.getString("person.id");
        as(bearer)
                .multiPart("image_url", remoteUrl + "/person.png?add")
                .multiPart("source_page_url", remoteUrl + "/other-page.html")
                .post(IMAGES, id).then().statusCode(201)
                .body("remaining", equalTo(1))
                .body("files[0].contentType", equalTo("image/png"));
        assertEquals(remoteUrl + "/other-page.html", referers.get("add"));
        as(bearer).get(IMAGES, id).then().body("images", hasSize(2));
    }

    @Test
    void refusesUrlsThatAreNotImagesOrNotAllowed() {
        String bearer = TestTokens.newAccount("free").bearer();

        as(bearer).multiPart("name", "liar").multiPart("imageUrl", remoteUrl + "/lying.jpg")
                .post(PERSONS).then().statusCode(400)
                .body("error.code", equalTo("notAnImage"));
        as(bearer).multiPart("name", "metadata").multiPart("imageUrl", "http://169.254.169.254/latest/meta-data/")
                .post(PERSONS).then().statusCode(400)
                .body("error.code", equalTo("urlNotAllowed"));
        as(bearer).multiPart("name", "ftp").multiPart("imageUrl", "ftp://127.0.0.1/a.png")
                .post(PERSONS).then().statusCode(400)
                .body("error.code", equalTo("urlNotAllowed"));
        as(bearer).multiPart("name", "missing").multiPart("imageUrl", remoteUrl + "/missing.png")
                .post(PERSONS).then().statusCode(422)
                .body("error.code", equalTo("sourceUnreachable"))
                .body("error.details.upstreamStatus", equalTo(404));

        as(bearer).get(PERSONS).then().body("persons", empty());
    }

    // ---------------------------------------------------------------- rename

    @Test
    void aNameGivenTwiceIsAValidationErrorNotAServerError() {
        String bearer = TestTokens.newAccount("free").bearer();
        String id = PersonApi.create(bearer, "Twice", 1).getString("person.id");
        for (String body : List.of("{\"name\":\"a\",\"newName\":\"b\"}", "{\"name\":\"a\",\"name\":\"b\"}")) {
            as(bearer).contentType("application/json").body(body).patch(PERSON, id).then().statusCode(400)
                    .body("error.code", equalTo("validationFailed"))
                    .body("error.details.fields.name[0]", equalTo("name is given more than once (or also under an alias)"));
        }
    }

    @Test
    void renamingMovesTheStoredObjects() throws IOException {
        Account account = TestTokens.newAccount("free");
        String bearer = account.bearer();
        JsonPath created = PersonApi.create(bearer, "Before", 2);
        String id = created.getString("person.id");
        List<String> oldKeys = created.getList("files.key");

        as(bearer).contentType("application/json").body("{\"newName\":\"After Näme\"}")
                .patch(PERSON, id).then().statusCode(200)
                .body("person.id", equalTo(id))
                .body("person.name", equalTo("after-name"))
                .body("moved", equalTo(2));

        List<String> newKeys = as(bearer).get(IMAGES, id).then().statusCode(200)
                .body("person.name", equalTo("after-name"))
                .extract().jsonPath().getList("images.key");
        assertEquals(2, newKeys.size());
        for (int i = 0; i < 2; i++) {
            String oldKey = oldKeys.get(i);
            String newKey = newKeys.get(i);
            assertEquals("persons/" + account.workspaceId() + "/after-name/" + oldKey.substring(oldKey.lastIndexOf('/') + 1), newKey);
            assertEquals(false, exists(oldKey), "old object still there: " + oldKey);
        }
        assertArrayEquals(RED_PNG, stored(newKeys.get(0)));
        assertArrayEquals(GREEN_PNG, stored(newKeys.get(1)));
        as(bearer).get(PERSONS).then().body("persons[0].name", equalTo("after-name"));

        // the same slug again moves nothing
        as(bearer).contentType("application/json").body("{\"name\":\"after name\"}")
                .patch(PERSON, id).then().statusCode(200)
                .body("person.name", equalTo("after-name"))
                .body("moved", equalTo(0));
        assertArrayEquals(RED_PNG, stored(newKeys.get(0)));
    }

    @Test
    void renamingRefusesTakenAndMissingNames() {
        String bearer = TestTokens.newAccount("free").bearer();
        JsonPath created = PersonApi.create(bearer, "keeper", 1);
        String id = created.getString("person.id");
        String key = created.getString("files[0].key");
        PersonApi.create(bearer, "taken", 1);

        as(bearer).contentType("application/json").body("{\"name\":\"Taken\"}")
                .patch(PERSON, id).then().statusCode(409)
                .body("error.code", equalTo("personExists"));
        as(bearer).contentType("application/json").body("{}")
                .patch(PERSON, id).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.name", contains("name is required"));
        as(bearer).contentType("application/json").body("{\"name\":\"***\"}")
                .patch(PERSON, id).then().statusCode(400)
                .body("error.details.fields", hasKey("name"));
        as(bearer).contentType("application/json").body("{\"name\": ")
                .patch(PERSON, id).then().statusCode(400)
                .body("error.code", equalTo("invalidJson"));
        as(bearer).contentType("application/json").body("{\"name\": {\"first\": \"x\"}}")
                .patch(PERSON, id).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields", hasKey("name"));

        // nothing changed
        as(bearer).get(IMAGES, id).then().body("person.name", equalTo("keeper")).body("images.key", contains(key));
        assertArrayEquals(RED_PNG, stored(key));
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deletingAPersonRemovesItsRowsAndObjects() throws IOException {
        String bearer = TestTokens.newAccount("free").bearer();
        JsonPath created = PersonApi.create(bearer, "Gone Soon", 2);
        String id = created.getString("person.id");
        List<String> keys = created.getList("files.key");
        String keeper = PersonApi.create(bearer, "stays", 1).getString("person.id");

        as(bearer).delete(PERSON, id).then().statusCode(200)
                .body("person.id", equalTo(id))
                .body("person.name", equalTo("gone-soon"))
                .body("deleted", equalTo(2));

        for (String key : keys) {
            assertEquals(false, exists(key), "object still there: " + key);
        }
        as(bearer).get(IMAGES, id).then().statusCode(404).body("error.code", equalTo("notFound"));
        as(bearer).get(PERSONS).then().body("persons.id", contains(keeper));
        as(bearer).delete(PERSON, id).then().statusCode(404);
        // the name is free again
        PersonApi.create(bearer, "gone soon", 1);
    }

    // ---------------------------------------------------------------- images

    @Test
    void imagesAreAddedUpToThreeAndDeletedOneByOne() throws IOException {
        String bearer = TestTokens.newAccount("free").bearer();
        JsonPath created = PersonApi.create(bearer, "carol", 1);
        String id = created.getString("person.id");
        String first = created.getString("files[0].key");

        List<String> added = as(bearer)
                .multiPart("files", "two.jpg", BLUE_JPEG, "image/jpeg")
                .multiPart("files", "three.png", GREEN_PNG, "image/png")
                .post(IMAGES, id).then().statusCode(201)
                .body("person.id", equalTo(id))
                .body("person.name", equalTo("carol"))
                .body("remaining", equalTo(0))
                .body("files.fileName", contains("two.jpg", "three.png"))
                .body("files.contentType", contains("image/jpeg", "image/png"))
                .extract().jsonPath().getList("files.key");
        as(bearer).get(IMAGES, id).then().body("images.key", contains(first, added.get(0), added.get(1)));

        as(bearer).multiPart("files", "four.png", RED_PNG, "image/png")
                .post(IMAGES, id).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.files", contains("A person has at most 3 reference images; 0 more can be added, got 1"));

        as(bearer).queryParam("key", added.get(0)).delete(IMAGES, id).then().statusCode(200)
                .body("person.id", equalTo(id))
                .body("deletedKey", equalTo(added.get(0)));
        assertEquals(false, exists(added.get(0)));
        as(bearer).contentType("application/json").body(Map.of("key", first)).delete(IMAGES, id).then().statusCode(200)
                .body("deletedKey", equalTo(first));
        assertEquals(false, exists(first));
        as(bearer).get(IMAGES, id).then().body("images.key", contains(added.get(1)));

        as(bearer).delete(IMAGES, id).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields", hasKey("key"));
        as(bearer).contentType("application/json").body("{}").delete(IMAGES, id).then().statusCode(400)
                .body("error.details.fields", hasKey("key"));
        as(bearer).queryParam("key", first).delete(IMAGES, id).then().statusCode(404)
                .body("error.code", equalTo("notFound"));
        as(bearer).queryParam("key", "persons/elsewhere/x.png").delete(IMAGES, id).then().statusCode(404);

        RequestSpecification three = as(bearer);
        for (int i = 0; i < 3; i++) {
            three.multiPart("files", "n" + i + ".png", RED_PNG, "image/png");
        }
        three.post(IMAGES, id).then().statusCode(400)
                .body("error.details.fields.files", contains("A person has at most 3 reference images; 2 more can be added, got 3"));
        as(bearer).multiPart("files", "n.png", RED_PNG, "image/png").multiPart("files", "m.jpg", BLUE_JPEG, "image/jpeg")
                .post(IMAGES, id).then().statusCode(201).body("remaining", equalTo(0));
        as(bearer).get(IMAGES, id).then().body("images", hasSize(3)).body("images[0].key", equalTo(added.get(1)));

        as(bearer).multiPart("imageUrl", "").post(IMAGES, id).then().statusCode(400)
                .body("error.details.fields", hasKey("files"));
        as(bearer).multiPart("files", "x.txt", "text".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post(IMAGES, id).then().statusCode(400)
                .body("error.details.fields.files", contains("files[0] (x.txt) is not a JPEG, PNG or WebP image"));
    }

    // ---------------------------------------------------------------- compose (job-service is down in this class)

    @Test
    void composeChecksItsInput() {
        String bearer = TestTokens.newAccount("free").bearer();
        String id = PersonApi.create(bearer, "composer", 1).getString("person.id");

        as(bearer).contentType("application/json").body("{}").post(COMPOSE, id).then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.model", contains("model is required"));
        as(bearer).contentType("application/json").body("{\"model\":\"Banana\"}").post(COMPOSE, id).then().statusCode(400)
                .body("error.details.fields.model", contains("model must be NanoBanana or NanoBanana2"));
        as(bearer).contentType("application/json").body("{\"model\":").post(COMPOSE, id).then().statusCode(400)
                .body("error.code", equalTo("invalidJson"));
        as(bearer).contentType("application/json").body("{\"model\":\"NanoBanana\"}").post(COMPOSE, "pr_missing")
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        as(bearer).contentType("application/json").body("{\"model\":\"NanoBanana2\"}").post(COMPOSE, id)
                .then().statusCode(403).body("error.code", equalTo("planRequired"));
    }

    @Test
    void composeNeedsReferenceImages() {
        String bearer = TestTokens.newAccount("pro").bearer();
        JsonPath created = PersonApi.create(bearer, "empty", 1);
        String id = created.getString("person.id");
        as(bearer).queryParam("key", created.getString("files[0].key")).delete(IMAGES, id).then().statusCode(200);

        as(bearer).contentType("application/json").body("{\"model\":\"NanoBanana\"}").post(COMPOSE, id)
                .then().statusCode(400).body("error.code", equalTo("noReferenceImages"));
    }

    @Test
    void composeWhileJobServiceIsDownIsABadGateway() {
        String bearer = TestTokens.newAccount("pro").bearer();
        String id = PersonApi.create(bearer, "waiting", 1).getString("person.id");

        as(bearer).contentType("application/json").body("{\"model\":\"NanoBanana2\"}").post(COMPOSE, id)
                .then().statusCode(502).body("error.code", equalTo("jobServiceUnavailable"));
    }

    // ---------------------------------------------------------------- isolation and auth

    @Test
    void anotherWorkspacesPersonIsNotFoundAnywhere() throws IOException {
        String owner = TestTokens.newAccount("pro").bearer();
        JsonPath created = PersonApi.create(owner, "private", 2);
        String id = created.getString("person.id");
        String key = created.getString("files[0].key");
        String intruder = TestTokens.newAccount("pro").bearer();

        assertAllNotFound(intruder, id, key);

        as(owner).get(IMAGES, id).then().statusCode(200)
                .body("person.name", equalTo("private"))
                .body("images", hasSize(2));
        assertArrayEquals(RED_PNG, stored(key));
        as(intruder).get(PERSONS).then().body("persons", empty());
    }

    @Test
    void unknownPersonsAreNotFound() {
        String bearer = TestTokens.newAccount("free").bearer();
        assertAllNotFound(bearer, "pr_doesnotexist", "persons/x/y/z.png");
    }

    private static void assertAllNotFound(String bearer, String id, String key) {
        as(bearer).contentType("application/json").body("{\"name\":\"stolen\"}").patch(PERSON, id)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        as(bearer).get(IMAGES, id).then().statusCode(404).body("error.code", equalTo("notFound"));
        as(bearer).multiPart("files", "x.png", RED_PNG, "image/png").post(IMAGES, id)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        as(bearer).queryParam("key", key).delete(IMAGES, id)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        as(bearer).contentType("application/json").body("{\"model\":\"NanoBanana\"}").post(COMPOSE, id)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        as(bearer).delete(PERSON, id).then().statusCode(404).body("error.code", equalTo("notFound"));
    }

    @Test
    void requestsWithoutATokenAreUnauthorized() {
        given().get(PERSONS).then().statusCode(401);
        given().multiPart("name", "anon").multiPart("files", "a.png", RED_PNG, "image/png").post(PERSONS)
                .then().statusCode(401);
        given().header("Authorization", "Bearer not-a-jwt").get(PERSONS).then().statusCode(401);
    }
}
