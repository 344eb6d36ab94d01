package ai.vtry.person;

import static io.restassured.RestAssured.given;

import java.awt.Color;
import java.util.List;

import ai.vtry.common.testsupport.TestImages;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Shortcuts for tests that need a person to work with. */
public final class PersonApi {

    public static final byte[] RED_PNG = TestImages.png(64, 96, Color.RED);
    public static final byte[] BLUE_JPEG = TestImages.jpeg(48, 80, Color.BLUE);
    public static final byte[] GREEN_PNG = TestImages.png(32, 32, Color.GREEN);

    /** Creates a person from PNG uploads and returns the 201 body. */
    public static JsonPath create(String bearer, String name, int images) {
        RequestSpecification request = given().header("Authorization", bearer).multiPart("name", name);
        List<byte[]> all = List.of(RED_PNG, GREEN_PNG, RED_PNG);
        for (int i = 0; i < images; i++) {
            request.multiPart("files", "ref-" + i + ".png", all.get(i), "image/png");
        }
        return request.post("/api/v1/persons").then().statusCode(201).extract().jsonPath();
    }

    private PersonApi() {
    }
}
