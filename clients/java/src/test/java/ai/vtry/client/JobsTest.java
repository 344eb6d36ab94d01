package ai.vtry.client;

import static ai.vtry.client.FakeApi.error;
import static ai.vtry.client.FakeApi.events;
import static ai.vtry.client.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.vtry.client.model.Job;
import ai.vtry.client.model.JobEvent;
import ai.vtry.client.model.JobOutcome;
import ai.vtry.client.model.JobStatus;

class JobsTest {

    private static String job(String status) {
        boolean done = status.equals("COMPLETED");
        String error = status.equals("FAILED") ? "{\"code\":\"contentBlocked\",\"message\":\"refused\"}" : "null";
        return "{\"id\":\"req_1\",\"kind\":\"generation\",\"status\":\"" + status + "\",\"prompt\":\"p\","
                + "\"imageUrl\":" + (done ? "\"http://files/1.jpg\"" : "null") + ",\"imageKey\":null,\"sourceUrl\":null,"
                + "\"error\":" + error + ",\"parameters\":{\"model\":\"NanoBanana\"},"
                + "\"createdAt\":\"2026-05-12T20:00:00.000Z\",\"updatedAt\":\"2026-05-12T20:00:10.000Z\","
                + "\"response\":" + (done ? "{\"width\":768,\"height\":1024,\"contentType\":\"image/jpeg\",\"provider\":\"local\","
                        + "\"images\":[{\"imageKey\":\"g/1.jpg\",\"imageUrl\":\"http://files/1.jpg\"},"
                        + "{\"imageKey\":\"g/2.jpg\",\"imageUrl\":\"http://files/2.jpg\"}]}" : "{}")
                + "}";
    }

    @Test
    void eventsAreParsedAsTheStandardSays() throws IOException {
        String stream = ": still processing\r\n"
                + "id: 1\r\nevent: queued\r\ndata: {\"a\":1}\r\n\r\n"
                + "data:first\ndata: second\n\n"          // no space after the colon; two data lines
                + "event: ping\n\n"                      // no data: nothing to dispatch
                + "id: 3\nevent: completed\nretry: 10\ndata: {}\n\n"
                + "event: cut\ndata: never ended";       // the stream ends inside an event: dropped
        List<ServerSentEvents.Event> events = new ArrayList<>();

        ServerSentEvents.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), events::add);

        assertEquals(List.of(new ServerSentEvents.Event("1", "queued", "{\"a\":1}"),
                new ServerSentEvents.Event("1", "message", "first\nsecond"),
                new ServerSentEvents.Event("3", "completed", "{}")), events);
    }

    @Test
    void waitingFollowsTheEventsToACompletedJobWithItsImages() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/jobs/req_1/events", events(
                    "id: 1\nevent: queued\ndata: " + job("QUEUED") + "\n\n"
                            + ": still processing\n\n"
                            + "id: 2\nevent: processing\ndata: " + job("PROCESSING") + "\n\n"
                            + "id: 3\nevent: completed\ndata: " + job("COMPLETED") + "\n\n"));
            List<JobStatus> seen = new ArrayList<>();

            JobOutcome outcome = api.client().jobs().waitFor("req_1", Duration.ofSeconds(10), job -> seen.add(job.status()));

            JobOutcome.Completed completed = assertInstanceOf(JobOutcome.Completed.class, outcome);
            assertEquals(List.of("http://files/1.jpg", "http://files/2.jpg"),
                    completed.images().stream().map(Job.Image::imageUrl).toList());
            assertEquals(List.of(JobStatus.QUEUED, JobStatus.PROCESSING, JobStatus.COMPLETED), seen);
            assertEquals("text/event-stream", api.received.get(0).header("Accept"));
            assertEquals(1, api.received.size(), "no polling needed");
        }
    }

    @Test
    void aStreamThatEndsEarlyIsFollowedByLongPolling() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/jobs/req_1/events", events("id: 2\nevent: processing\ndata: " + job("PROCESSING") + "\n\n"));
            api.on("GET", "/api/v1/jobs/req_1", json(200, job("PROCESSING")), json(200, job("FAILED")));
            List<JobStatus> seen = new ArrayList<>();

            JobOutcome outcome = api.client().jobs().waitFor("req_1", Duration.ofMinutes(1), job -> seen.add(job.status()));

            assertEquals("contentBlocked", assertInstanceOf(JobOutcome.Failed.class, outcome).error().code());
            assertEquals(List.of(JobStatus.PROCESSING, JobStatus.FAILED), seen, "an unchanged job is reported once");
            List<FakeApi.Received> polls = api.received("GET", "/api/v1/jobs/req_1");
            assertEquals(2, polls.size());
            assertEquals("wait=30", polls.get(0).query());
        }
    }

    @Test
    void aGatewayWithoutEventStreamsIsLongPolled() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/jobs/req_1/events", json(200, "{}"));
            api.on("GET", "/api/v1/jobs/req_1", json(200, job("CANCELLED")));

            assertInstanceOf(JobOutcome.Cancelled.class, api.client().jobs().waitFor("req_1"));
        }
    }

    @Test
    void aJobNotFinalInTimeIsATimeout() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/jobs/req_1/events", exchange -> { // an open stream that says nothing new
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write(("id: 2\nevent: processing\ndata: " + job("PROCESSING") + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long start = System.nanoTime();

            JobTimeoutException timeout = assertThrows(JobTimeoutException.class,
                    () -> api.client().jobs().waitFor("req_1", Duration.ofSeconds(1), job -> {
                    }));

            assertEquals(JobStatus.PROCESSING, timeout.lastSeen().status());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4_000, "the stream was closed at the deadline");
        }
    }

    @Test
    void anUnknownJobIsNotFoundBeforeAnyStream() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/jobs/req_x/events", error(404, "notFound"));

            assertThrows(NotFoundException.class, () -> api.client().jobs().waitFor("req_x"));
        }
    }

    @Test
    void eventsHandEachStateAndResumeAfterTheLastEventId() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/jobs/req_1/events", events("id: 3\nevent: completed\ndata: " + job("COMPLETED") + "\n\n"));
            List<JobEvent> events = new ArrayList<>();

            api.client().jobs().events("req_1", "2", events::add);

            assertEquals(1, events.size());
            assertEquals("completed", events.get(0).event());
            assertEquals(JobStatus.COMPLETED, events.get(0).job().status());
            assertEquals("2", api.received.get(0).header("Last-Event-ID"));
        }
    }

    @Test
    void aLongPollAsksTheServerToWait() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/jobs/req_1", json(200, job("COMPLETED")));

            assertEquals(JobStatus.COMPLETED, api.client().jobs().get("req_1", Duration.ofSeconds(45)).status());
            assertEquals("wait=45", api.received.get(0).query());
            assertThrows(IllegalArgumentException.class, () -> api.client().jobs().get("req_1", Duration.ofSeconds(61)));
        }
    }

    @Test
    void aSignedLinkIsDownloadedWithoutTheApiKey(@TempDir Path dir) throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/files/g/1.jpg", exchange -> {
                byte[] image = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
                exchange.sendResponseHeaders(200, image.length);
                exchange.getResponseBody().write(image);
            });

            Path saved = api.client().downloads().download(api.baseUrl() + "/files/g/1.jpg?expires=1&signature=s",
                    dir.resolve("out/1.jpg"));

            assertEquals(3, Files.size(saved));
            assertEquals(null, api.received.get(0).header("Authorization"));
            assertEquals("expires=1&signature=s", api.received.get(0).query());
        }
    }

    @Test
    void asyncCallsCompleteWithTheAnswerOrTheTypedError() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/v1/jobs/req_1", json(200, job("QUEUED")));
            api.on("GET", "/api/v1/jobs/req_2", error(404, "notFound"));
            Vtry vtry = api.client();

            assertEquals(JobStatus.QUEUED, vtry.jobs().getAsync("req_1").get().status());
            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> vtry.jobs().getAsync("req_2").get()).getCause();
            assertInstanceOf(NotFoundException.class, failure);
        }
    }
}
