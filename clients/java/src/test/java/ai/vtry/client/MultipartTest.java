package ai.vtry.client;

import static ai.vtry.client.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.vtry.client.model.AddClothRequest;
import ai.vtry.client.model.ClothMode;
import ai.vtry.client.model.CreatePersonRequest;
import ai.vtry.client.model.ImageFile;
import ai.vtry.client.model.Model;

class MultipartTest {

    private static final String PERSON = "{\"person\":{\"id\":\"pr_1\",\"name\":\"alice\"},\"files\":[],\"remaining\":1}";

    @Test
    void partsAreFramedByTheBoundaryAsRfc7578Says() throws IOException {
        Multipart body = new Multipart("b0und4ry").field("name", "Zoë \"Z\"")
                .file("files", ImageFile.of("front.jpg", new byte[] {1, 2, 3}))
                .field("imageUrl", null)
                .file("files", ImageFile.of("side.png", new byte[] {4}));

        byte[] bytes = body.open().readAllBytes();

        String expected = "--b0und4ry\r\n"
                + "Content-Disposition: form-data; name=\"name\"\r\n\r\n"
                + "Zoë \"Z\"\r\n"
                + "--b0und4ry\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"front.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n"
                + "\u0001\u0002\u0003\r\n"
                + "--b0und4ry\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"side.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n"
                + "\u0004\r\n"
                + "--b0und4ry--\r\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), bytes);
        assertEquals(bytes.length, body.length());
        assertEquals("multipart/form-data; boundary=b0und4ry", body.contentType());
    }

    @Test
    void quotesAndLineBreaksInAFileNameCannotBreakTheFraming() throws IOException {
        String text = new String(new Multipart("b").file("file", ImageFile.of("a\"b\r\nc.jpg", new byte[0])).open()
                .readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.contains("filename=\"a%22b%0D%0Ac.jpg\""), text);
    }

    @Test
    void aFileIsOpenedOnlyWhenTheBodyReachesIt(@TempDir Path dir) throws IOException {
        Path photo = Files.write(dir.resolve("front.jpg"), new byte[] {9, 9});
        Multipart body = new Multipart("b").field("name", "alice").file("files", ImageFile.of(photo));
        Files.delete(photo); // still fine: nothing has been read yet

        InputStream stream = body.open();
        byte[] start = stream.readNBytes(10);
        assertEquals("--b\r\nConte", new String(start, StandardCharsets.US_ASCII));
        // opened only now that the stream reaches it, so the deletion shows
        assertThrows(NoSuchFileException.class, stream::readAllBytes);
    }

    @Test
    void aStreamOfUnknownLengthMakesABodyOfUnknownLengthThatIsSentOnce() {
        Multipart body = new Multipart().file("file", ImageFile.of("x.jpg", InputStream.nullInputStream()));
        assertEquals(-1, body.length());
        assertFalse(body.repeatable());
    }

    @Test
    void aPersonIsCreatedWithItsFilesAsRepeatedPartsAndAKnownLength(@TempDir Path dir) throws IOException {
        Path front = Files.write(dir.resolve("front.jpg"), new byte[] {1, 2});
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/persons", json(201, PERSON));

            api.client().persons().create(CreatePersonRequest.builder().name("alice").file(front)
                    .file(ImageFile.of("side.webp", new byte[] {3})).build());

            FakeApi.Received request = api.received.get(0);
            String contentType = request.header("Content-Type");
            assertTrue(contentType.startsWith("multipart/form-data; boundary=vtry-"), contentType);
            String boundary = contentType.substring(contentType.indexOf('=') + 1);
            String body = new String(request.body(), StandardCharsets.ISO_8859_1);
            assertEquals(String.valueOf(request.body().length), request.header("Content-Length"));
            assertTrue(body.startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
                    + "alice\r\n"), body);
            assertTrue(body.contains("name=\"files\"; filename=\"front.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                    + "\u0001\u0002\r\n"), body);
            assertTrue(body.contains("name=\"files\"; filename=\"side.webp\"\r\nContent-Type: image/webp\r\n\r\n"
                    + "\u0003\r\n"), body);
            assertTrue(body.endsWith("\r\n--" + boundary + "--\r\n"), body);
            assertFalse(body.contains("imageUrl"), "unset fields are not sent");
            assertTrue(request.header("Idempotency-Key").matches("[0-9a-f-]{36}"));
        }
    }

    @Test
    void aClothFromAUrlSendsOnlyTheFieldsThatAreSet() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/clothes", json(202, "{\"requestId\":\"req_1\"}"));

            String requestId = api.client().clothes().add(AddClothRequest.builder().mode(ClothMode.EXTRACT)
                    .model(Model.NANO_BANANA).imageUrl("https://shop.example.com/a.jpg").prompt("the red dress").build())
                    .requestId();

            assertEquals("req_1", requestId);
            String body = api.received.get(0).text();
            assertTrue(body.contains("name=\"mode\"\r\n\r\nextract\r\n"), body);
            assertTrue(body.contains("name=\"model\"\r\n\r\nNanoBanana\r\n"), body);
            assertTrue(body.contains("name=\"imageUrl\"\r\n\r\nhttps://shop.example.com/a.jpg\r\n"), body);
            assertTrue(body.contains("name=\"prompt\"\r\n\r\nthe red dress\r\n"), body);
            assertFalse(body.contains("name=\"file\""), body);
            assertFalse(body.contains("resolution"), body);
        }
    }

    @Test
    void aThirtyMegabyteFileIsStreamedWithItsLength(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.jpg");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(30L * 1024 * 1024); // sparse: nothing of it is in memory, here or in the client
        }
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/persons", json(201, PERSON));

            api.client().persons().create(CreatePersonRequest.builder().name("big").file(big).build());

            FakeApi.Received request = api.received.get(0);
            assertEquals(String.valueOf(request.body().length), request.header("Content-Length"));
            assertTrue(request.body().length > 30L * 1024 * 1024);
        }
    }

    @Test
    void aStreamIsSentChunkedAsItIsRead() throws IOException {
        long size = 30L * 1024 * 1024;
        AtomicLong produced = new AtomicLong();
        InputStream generated = new InputStream() { // produces its bytes as they are read, never holds them
            @Override
            public int read() {
                return produced.get() < size ? (int) (produced.getAndIncrement() & 0x7f) : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n = (int) Math.min(length, size - produced.get());
                if (n <= 0) {
                    return -1;
                }
                produced.addAndGet(n);
                return n;
            }
        };
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/persons", json(201, PERSON));

            api.client().persons().create(CreatePersonRequest.builder().name("stream")
                    .file(ImageFile.of("big.jpg", generated)).build());

            FakeApi.Received request = api.received.get(0);
            assertNull(request.header("Content-Length"));
            assertEquals("chunked", request.header("Transfer-Encoding"));
            assertEquals(size, produced.get());
            assertTrue(request.body().length > size);
        }
    }
}
