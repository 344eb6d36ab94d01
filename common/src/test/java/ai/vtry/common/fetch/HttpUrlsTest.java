package ai.vtry.common.fetch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "http://shop.test/p/1",
            "https://cdn.shop.test/a.jpg?w=800&sig=x#top",
            "HTTPS://SHOP.TEST",
            "http://127.0.0.1:8080/x",
            "https://[::1]/x",
            "https://user@shop.test/x", // credentials are the fetcher's to refuse, with its own message
    })
    void acceptsAbsoluteHttpAndHttpsUrls(String url) {
        assertTrue(HttpUrls.isAbsoluteHttp(url), url);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            " ",
            "/p/1.jpg",
            "shop.test/p/1.jpg",
            "//shop.test/p/1.jpg",
            "ftp://shop.test/a.jpg",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "http://",
            "http:///only/a/path",
            "http:shop.test",
            "https://shop test/a.jpg",
            " https://shop.test/a.jpg",
    })
    void refusesEverythingElse(String url) {
        assertFalse(HttpUrls.isAbsoluteHttp(url), String.valueOf(url));
    }
}
