package ai.vtry.clothes.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.vtry.clothes.PageServer;
import ai.vtry.clothes.discovery.PageImageFinder;
import ai.vtry.clothes.discovery.TestPages;
import ai.vtry.clothes.discovery.TestPages.Page;
import ai.vtry.common.testsupport.TestImages;
import ai.vtry.common.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** POST /api/v1/clothes/source-images against a local web of product pages, images and bad answers. */
@QuarkusTest
class SourceImagesTest {

    private static final String SOURCE_IMAGES = "/api/v1/clothes/source-images";
    private static final byte[] PHOTO = TestImages.jpeg(640, 960, Color.DARK_GRAY);

    private static PageServer web;

    @BeforeAll
    static void startWeb() throws IOException {
        web = new PageServer(Map.of("photo.jpg", PHOTO,
                "anim.gif", new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, ';'},
                "look.jpg", PHOTO,
                "tiny", TestImages.png(40, 40, Color.RED),
                "vector", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "strip.png", TestImages.png(1600, 200, Color.BLUE),
                "sized.jpg", PHOTO));
    }

    @Test
    void picturesWithoutSizesInTheMarkupAreProbed() {
        String base = web.base();
        discover(Map.of("url", base + "/pages/probe.html")).statusCode(200)
                // ranked on what the markup says (a stated large size first), then probed
                .body("images.imageUrl", contains(base + "/img/sized.jpg", base + "/img/look.jpg",
                        "http://unreachable.invalid/dress.jpg"))
                .body("images.title", contains("Sized by its markup", "The look", "Somewhere else"))
                .body("images.width", contains(700, 640, null))
                .body("images.height", contains(1000, 960, null))
                .body("images.position", contains(1, 2, 3));
        assertEquals(base + "/pages/probe.html", web.refererOf("look.jpg"), "probes send the page as referer");
        assertEquals(null, web.refererOf("sized.jpg"), "pictures the markup sized are not fetched");
    }

    @AfterAll
    static void stopWeb() {
        web.stop();
    }

    private static ValidatableResponse discover(Object body) {
        return given().header("Authorization", TestTokens.newAccount("free").bearer())
                .contentType("application/json").body(body).post(SOURCE_IMAGES).then();
    }

    @Test
    void everyTestPageOverHttpGivesWhatTheFinderFindsInIt() {
        for (Page page : TestPages.ALL) {
            String url = web.base() + "/pages/" + page.file();
            JsonPath result = discover(Map.of("url", url)).statusCode(200)
                    .body("inputUrl", equalTo(url))
                    .body("sourceType", equalTo("page"))
                    .body("images.sourcePageUrl", everyItem(equalTo(url)))
                    .extract().jsonPath();
            // served from here, relative and protocol-relative URLs resolve against this server's http URL
            List<String> expected = PageImageFinder.find(page.html(), url, 12).images().stream()
                    .map(PageImageFinder.FoundImage::imageUrl).toList();
            assertEquals(expected, result.getList("images.imageUrl"), page.file());
            assertEquals(page.products().size() + page.knownExtras().size(), expected.size(), page.file());
            List<Integer> positions = new ArrayList<>();
            for (int i = 1; i <= expected.size(); i++) {
                positions.add(i);
            }
            assertEquals(positions, result.getList("images.position"), page.file());
        }
    }

    @Test
    void theResponseHasTheReferencesShape() {
        String url = web.base() + "/pages/json-ld.html";
        discover(Map.of("url", url, "limit", 2)).statusCode(200)
                .body("keySet()", contains("inputUrl", "sourceType", "pageTitle", "images"))
                .body("pageTitle", equalTo("Wool Coat | Northwind"))
                .body("images", hasSize(2))
                .body("images[0].keySet()", contains("imageUrl", "sourcePageUrl", "title", "width", "height", "position"))
                .body("images[0].imageUrl", equalTo("https://images.northwind.test/coat/wool-coat-1.jpg"))
                .body("images[0].title", equalTo("Wool Coat"))
                .body("images[0].width", nullValue())
                .body("images[1].width", equalTo(1000))
                .body("images[1].height", equalTo(1400))
                .body("images[1].position", equalTo(2));
    }

    @Test
    void everyNameOfTheUrlFieldWorks() {
        String url = web.base() + "/pages/og-only.html";
        for (String field : List.of("url", "pageUrl", "sourcePageUrl", "source_page_url")) {
            discover(Map.of(field, url)).statusCode(200)
                    .body("images[0].imageUrl", equalTo("https://cdn.atelier.test/products/linen-shirt-front.jpg"));
        }
    }

    @Test
    void relativeUrlsResolveAgainstTheFinalUrlOfARedirectChain() {
        String finalUrl = web.base() + "/pages/relative.html?via=redirects";
        discover(Map.of("url", web.base() + "/hop/1")).statusCode(200)
                .body("inputUrl", equalTo(web.base() + "/hop/1"))
                .body("pageTitle", equalTo("Trench Coat"))
                .body("images.sourcePageUrl", everyItem(equalTo(finalUrl)))
                .body("images.imageUrl", contains(web.base() + "/shop/assets/images/trench-1.jpg",
                        web.base() + "/shop/img/trench-2.jpg", web.base() + "/abs/trench-3.jpg",
                        "http://cdn.trench.test/zoom/trench-4.jpg"));
    }

    @Test
    void anImageUrlIsItsOwnAnswer() {
        String url = web.base() + "/img/photo.jpg";
        discover(Map.of("url", url)).statusCode(200)
                .body("sourceType", equalTo("directImage"))
                .body("pageTitle", nullValue())
                .body("images", hasSize(1))
                .body("images[0].imageUrl", equalTo(url))
                .body("images[0].width", equalTo(640))
                .body("images[0].height", equalTo(960))
                .body("images[0].position", equalTo(1));
    }

    @Test
    void pagesWithoutAContentTypeOrInAnotherCharsetAreRead() {
        discover(Map.of("url", web.base() + "/untyped")).statusCode(200).body("sourceType", equalTo("page"))
                .body("pageTitle", equalTo("Linen Shirt"));
        discover(Map.of("url", web.base() + "/latin1.html")).statusCode(200)
                .body("pageTitle", equalTo("Pull\u00f6ver \u00e0 capuche"))
                .body("images[0].imageUrl", equalTo(web.base() + "/a/sweater.jpg"));
    }

    @Test
    void whatIsNeitherAPageNorAnImportableImageIsRefused() {
        discover(Map.of("url", web.base() + "/data.json")).statusCode(400)
                .body("error.code", equalTo("unsupportedSource"));
        discover(Map.of("url", web.base() + "/img/anim.gif")).statusCode(400)
                .body("error.code", equalTo("unsupportedSource"));
    }

    @Test
    void aMissingPageIsTheClientsErrorAnUnreachableOneABadGateway() throws IOException {
        discover(Map.of("url", web.base() + "/missing")).statusCode(422).body("error.code", equalTo("sourceUnreachable"))
                .body("error.details.upstreamStatus", equalTo(404));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        discover(Map.of("url", "http://localhost:" + closed + "/p")).statusCode(502)
                .body("error.code", equalTo("sourceUnreachable"));
    }

    @Test
    void pagesOverTheSizeLimitAreRefused() {
        discover(Map.of("url", web.base() + "/huge.html")).statusCode(400).body("error.code", equalTo("sourceTooLarge"));
    }

    @Test
    void privateAddressesAreRefusedEvenBehindARedirect() {
        discover(Map.of("url", web.base() + "/to-loopback")).statusCode(400).body("error.code", equalTo("urlNotAllowed"));
        discover(Map.of("url", "http://127.0.0.1:" + web.port() + "/pages/og-only.html")).statusCode(400)
                .body("error.code", equalTo("urlNotAllowed"));
        discover(Map.of("url", web.base() + "/to-metadata")).statusCode(400).body("error.code", equalTo("urlNotAllowed"));
        discover(Map.of("url", "http://169.254.169.254/latest/meta-data/")).statusCode(400)
                .body("error.code", equalTo("urlNotAllowed"));
    }

    @Test
    void everyRuleOfTheRequestNamesItsField() {
        String url = web.base() + "/pages/og-only.html";
        discover(Map.of()).statusCode(400).body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.url", contains("url is required"));
        discover(Map.of("url", "  ")).statusCode(400).body("error.details.fields.url", contains("url is required"));
        discover(Map.of("url", "ftp://example.com/a")).statusCode(400)
                .body("error.details.fields.url", contains("url must be an http or https URL"));
        discover(Map.of("url", "/relative/path")).statusCode(400)
                .body("error.details.fields", hasKey("url"));
        discover(Map.of("url", url, "limit", 0)).statusCode(400)
                .body("error.details.fields.limit", contains("limit must be an integer from 1 to 20"));
        discover(Map.of("url", url, "limit", 21)).statusCode(400)
                .body("error.details.fields.limit", contains("limit must be an integer from 1 to 20"));
        discover(Map.of("url", url, "limit", "many")).statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields", hasKey("limit"));
        discover("{\"url\": ").statusCode(400).body("error.code", equalTo("invalidJson"));
        discover(Map.of("url", url, "limit", 20)).statusCode(200);
        discover(Map.of("url", url, "limit", 1)).statusCode(200).body("images", hasSize(1));
    }

    @Test
    void theDefaultLimitIsTwelveAndTheLimitCuts() {
        discover(Map.of("url", web.base() + "/many.html")).statusCode(200).body("images", hasSize(12))
                .body("images[0].imageUrl", equalTo(web.base() + "/look-0.jpg"))
                .body("images[11].position", equalTo(12));
        discover(Map.of("url", web.base() + "/many.html", "limit", 20)).statusCode(200).body("images", hasSize(15));
        discover(Map.of("url", web.base() + "/many.html", "limit", 3)).statusCode(200)
                .body("images.position", contains(1, 2, 3));
    }
}
