package ai.vtry.gateway.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** /console/: the page revalidated on each load, its files cached for a year under a content hash. */
@QuarkusTest
class ConsoleRoutesTest {

    @Inject
    ConsoleAssets assets;

    @Test
    void thePageIsNeverServedStaleAndLoadsItsFilesFromTheVersionFolder() {
        given().redirects().follow(false).get("/console")
                .then().statusCode(308).header("Location", "/console/");
        Response page = given().get("/console/");
        page.then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", "nosniff");
        String html = page.asString();
        assertThat(html, not(containsString("{{")));
        Matcher script = Pattern.compile("src=\"assets/([0-9a-f]{12})/app.js\"").matcher(html);
        assertThat(script.find(), is(true));
        assertThat(script.group(1), equalTo(assets.version()));
        for (String name : ConsoleAssets.FILES) {
            if (name.endsWith(".js")) {
                assertThat(html, containsString("assets/" + assets.version() + "/" + name));
            }
        }
        // A second load with the ETag it got is a 304 without a body.
        given().header("If-None-Match", page.header("ETag")).get("/console/").then().statusCode(304);
    }

    @Test
    void filesAreImmutableUnderTheirVersionAndGzippedWhenAsked() {
        String base = "/console/assets/" + assets.version() + "/";
        // RestAssured asks for gzip unless its decoders are off: then nothing is asked for.
        given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .get(base + "app.js").then().statusCode(200)
                .contentType(containsString("text/javascript"))
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Content-Encoding", equalTo(null))
                .body(containsString("import"));
        given().header("Accept-Encoding", "gzip").get(base + "console.css").then().statusCode(200)
                .contentType(containsString("text/css"))
                .header("Content-Encoding", "gzip")
                .header("Vary", containsString("Accept-Encoding"));
        given().get(base + "pages/try-on.js").then().statusCode(200);
        // Another version, an unknown file, a path outside the folder: 404, never a stale or other file.
        given().get("/console/assets/000000000000/app.js").then().statusCode(404);
        given().get(base + "nope.js").then().statusCode(404);
        given().get(base + "../index.html").then().statusCode(not(equalTo(200)));
        given().get("/console/secret").then().statusCode(404);
        given().post("/console/").then().statusCode(405).header("Allow", "GET, HEAD");
        given().get("/consoles").then().statusCode(404);
    }

    @Test
    void theConsoleNeedsNoKeyButTheApiStillDoes() {
        given().get("/console/").then().statusCode(200);
        given().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void everyFileOfTheFolderIsListedAndEveryListedFileIsThere() throws IOException {
        Path folder = Path.of("src/main/resources/console");
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(folder)) {
            onDisk = files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("index.html")).sorted().toList();
        }
        assertThat(onDisk, containsInAnyOrder(ConsoleAssets.FILES.toArray()));
    }

    @Test
    void theConsoleCallsOnlyThePublicApi() throws IOException {
        // Every request of the console goes through api.js, which prefixes /api/v1; no file names
        // another path of the gateway or a service's internal routes.
        Path folder = Path.of("src/main/resources/console");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                String code = Files.readString(file);
                for (String forbidden : List.of("/internal", "/admin", "/q/", ":808")) {
                    assertThat(file.toString(), code, not(containsString(forbidden)));
                }
                if (!file.endsWith("api.js")) {
                    assertThat(file + " calls fetch itself", code, not(containsString("fetch(")));
                }
            }
        }
    }

    @Test
    void gzipIsTakenUnlessRefused() {
        assertThat(ConsoleRoutes.acceptsGzip("gzip, deflate, br"), is(true));
        assertThat(ConsoleRoutes.acceptsGzip("br;q=1.0, gzip;q=0.8"), is(true));
        assertThat(ConsoleRoutes.acceptsGzip("gzip;q=0"), is(false));
        assertThat(ConsoleRoutes.acceptsGzip("identity"), is(false));
        assertThat(ConsoleRoutes.acceptsGzip(null), is(false));
    }
}
