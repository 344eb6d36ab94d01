package ai.vtry.person.rest;

import static ai.vtry.person.PersonApi.GREEN_PNG;
import static ai.vtry.person.PersonApi.RED_PNG;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.vtry.common.storage.ObjectStorage;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.person.PersonApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The store fails halfway through an upload: what was stored is removed and no row is left. */
@QuarkusTest
class StorageFailureTest {

    @InjectSpy
    ObjectStorage storage;

    @Test
    void aFailedUploadLeavesNoRowsAndNoObjects() throws IOException {
        String bearer = TestTokens.newAccount("free").bearer();
        doCallRealMethod()
                .doThrow(SdkClientException.create("store is down"))
                .doCallRealMethod()
                .when(storage).put(anyString(), any(Path.class), anyString());

        given().header("Authorization", bearer)
                .multiPart("name", "half")
                .multiPart("files", "one.png", RED_PNG, "image/png")
                .multiPart("files", "two.png", GREEN_PNG, "image/png")
                .post("/api/v1/persons")
                .then().statusCode(500)
                .body("error.code", equalTo("internalError"));

        ArgumentCaptor<String> keys = ArgumentCaptor.forClass(String.class);
        verify(storage, times(2)).put(keys.capture(), any(Path.class), anyString());
        try (InputStream first = storage.open(keys.getAllValues().get(0))) {
            assertNull(first, "the object stored before the failure must be removed");
        }
        given().header("Authorization", bearer).get("/api/v1/persons").then().body("persons", empty());

        // the name was not taken by the failed attempt
        PersonApi.create(bearer, "half", 2);
        given().header("Authorization", bearer).get("/api/v1/persons").then().body("persons", hasSize(1));
    }
}
