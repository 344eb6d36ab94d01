package ai.vtry.gateway.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "text/plain;charset=\"utf-8\"",
            "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
            "multipart/form-data; boundary=\"a b:c\"", "Multipart/Form-Data; Boundary=x", "image/png",
            "multipart/form-data; charset=utf-8; boundary=abc"})
    void valid(String type) {
        assertNull(ContentTypes.problem(type), type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "application/", "/json", "application/json; charset", "text/plain; a=\"unterminated",
            "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
            "multipart/form-data; boundary=q=cnI2,lu?'0K/CGgB'CN99=6", "multipart/form-data; boundary=\"ends with space \"",
            "multipart/form-data; boundary=\"0123456789012345678901234567890123456789012345678901234567890123456789x\""})
    void invalid(String type) {
        assertNotNull(ContentTypes.problem(type), type);
    }
}
