package ai.vtry.person.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.error.ApiException;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.common.image.ImageFormat;

class ImageRequestTest {

    private static final long MAX = 10 * 1024 * 1024;

    private static ImageRequest.Part part(String name, long size) {
        return new ImageRequest.Part(Path.of("/tmp/" + name), name, size);
    }

    private static Map<String, List<String>> problems(ImageRequest request) {
        FieldErrors errors = new FieldErrors();
        request.validate(errors, MAX);
        if (errors.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>> fields = (Map<String, List<String>>) assertThrows(ApiException.class, errors::throwIfAny)
                .details().get("fields");
        return fields;
    }

    @Test
    void oneToThreeFilesOrOneUrlAreFine() {
        assertTrue(problems(new ImageRequest(List.of(part("a.png", 10)), null, null)).isEmpty());
        assertTrue(problems(new ImageRequest(List.of(part("a", 1), part("b", 2), part("c", MAX)), null, null)).isEmpty());
        assertTrue(problems(new ImageRequest(List.of(), "https://example.com/a.jpg", null)).isEmpty());
    }

    @Test
    void neitherInputNamesFiles() {
        assertEquals(List.of("files"), List.copyOf(problems(new ImageRequest(null, "  ", null)).keySet()));
    }

    @Test
    void bothInputsNameImageUrl() {
        assertEquals(List.of("imageUrl"),
                List.copyOf(problems(new ImageRequest(List.of(part("a", 1)), "https://example.com/a.jpg", null)).keySet()));
    }

    @Test
    void moreThanThreeFiles() {
        Map<String, List<String>> fields = problems(new ImageRequest(
                List.of(part("a", 1), part("b", 1), part("c", 1), part("d", 1)), null, null));
        assertEquals(List.of("At most 3 files can be uploaded, got 4"), fields.get("files"));
    }

    @Test
    void everyOversizedFileIsNamed() {
        Map<String, List<String>> fields = problems(new ImageRequest(
                List.of(part("small.png", 5), part("huge.png", MAX + 1)), null, null));
        assertEquals(List.of("files[1] (huge.png) is larger than 10 MB"), fields.get("files"));
    }

    @Test
    void aliasesFillInWhenTheMainFieldIsEmpty() {
        assertEquals("b", ImageRequest.either(null, "b"));
        assertEquals("b", ImageRequest.either(" ", "b"));
        assertEquals("a", ImageRequest.either("a", "b"));
        assertEquals("imageUrl", new ImageRequest(null, "https://x.test/a.png", null).field());
        assertEquals("files", new ImageRequest(List.of(part("a", 1)), null, null).field());
    }

    @Test
    void fileNamesLoseDirectoriesAndGetADefault() {
        assertEquals("front.jpg", ImageInput.fileName("C:\\Users\\me\\front.jpg", ImageFormat.JPEG));
        assertEquals("side.png", ImageInput.fileName("/home/me/side.png", ImageFormat.PNG));
        assertEquals("image.webp", ImageInput.fileName("  ", ImageFormat.WEBP));
        assertEquals("image.png", ImageInput.fileName(null, ImageFormat.PNG));
        assertEquals(255, ImageInput.fileName("n".repeat(300), ImageFormat.PNG).length());
    }

    @Test
    void modelsAreRequiredAndFromTheList() {
        FieldErrors errors = new FieldErrors();
        assertEquals(PersonModel.NanoBanana, PersonModel.parse(errors, "model", "NanoBanana"));
        assertEquals(PersonModel.NanoBanana2, PersonModel.parse(errors, "model", "NanoBanana2"));
        assertTrue(errors.isEmpty());
        PersonModel.parse(errors, "model", "nanobanana");
        PersonModel.parse(errors, "model", null);
        assertTrue(errors.has("model"));
        assertTrue(PersonModel.NanoBanana2.paidOnly());
    }
}
