package ai.vtry.job;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.JobStatusChanged;
import ai.vtry.common.event.Topics;
import ai.vtry.common.outbox.Outbox;
import ai.vtry.common.testsupport.TestKafka;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.restassured.http.ContentType;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/**
 * A trace crosses the transactional outbox: the row keeps the trace context of the span that wrote
 * it, the relay's Kafka record carries a child of that span in its {@code traceparent} header, and a
 * consumer's span is a child of the record's. Spans are recorded in tests ({@code %test.vtry.tracing.enabled}).
 */
@QuarkusTest
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A topic of this test only: no service consumes what the rows written here become. */
    private static final String TOPIC = "outbox-tracing-test";

    @Inject
    Outbox outbox;

    @Inject
    Tracer tracer;

    @Inject
    Vertx vertx;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    ObjectMapper json;

    @Test
    void anOutboxRowKeepsItsSpansTraceContextAndItsRecordContinuesTheTrace() throws Exception {
        ensureTopic();
        String key = "traced-" + UUID.randomUUID();
        // A request that arrived with a trace state; the span that writes the row inherits it.
        SpanContext caller = SpanContext.createFromRemoteParent(hex(32), hex(16), TraceFlags.getSampled(),
                TraceState.builder().put("vtry", "test").build());
        Span span = tracer.spanBuilder("write the outbox row").setSpanKind(SpanKind.SERVER)
                .setParent(Context.root().with(Span.wrap(caller))).startSpan();
        SpanContext writer = span.getSpanContext();

        String row = inTransaction(span,
                () -> outbox.append(TOPIC, key, Map.of("key", key)).chain(() -> storedTraceContext(key)));

        assertEquals("00-" + writer.getTraceId() + "-" + writer.getSpanId() + "-01|vtry=test", row);

        ConsumerRecord<String, String> record = TestKafka.await(TOPIC, r -> key.equals(r.key()), WAIT);
        String[] traceparent = traceparent(record);
        assertEquals(writer.getTraceId(), traceparent[1]);
        assertEquals("vtry=test", header(record, "tracestate"));
        // The header names the connector's producer span, a child of the span that wrote the row.
        SpanData producer = awaitSpan(s -> s.getSpanId().equals(traceparent[2]));
        assertEquals(SpanKind.PRODUCER, producer.getKind());
        assertEquals(writer.getSpanId(), producer.getParentSpanId());
    }

    @Test
    void aRowWrittenOutsideAnySpanStartsItsOwnTrace() throws Exception {
        ensureTopic();
        String key = "untraced-" + UUID.randomUUID();

        String row = inTransaction(null,
                () -> outbox.append(TOPIC, key, Map.of("key", key)).chain(() -> storedTraceContext(key)));

        assertEquals("|", row);
        ConsumerRecord<String, String> record = TestKafka.await(TOPIC, r -> key.equals(r.key()), WAIT);
        String[] traceparent = traceparent(record);
        SpanData producer = awaitSpan(s -> s.getSpanId().equals(traceparent[2]));
        assertEquals(SpanKind.PRODUCER, producer.getKind());
        assertFalse(producer.getParentSpanContext().isValid(), "a new trace, not the relay's context");
    }

    @Test
    void aJobCreatedOverHttpSendsItsRequestInTheCallersTrace() throws Exception {
        Account account = TestTokens.newAccount("free");
        String traceId = hex(32);
        String callerSpanId = hex(16);
        String id = given().header("Authorization", account.bearer())
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "person-compose", "model", "NanoBanana", "prompt", "traced",
                        "parameters", Map.of("model", "NanoBanana", "personId", "pr_traced"),
                        "imageKeys", List.of("persons/" + account.workspaceId() + "/a/1.jpg")))
                .post("/internal/jobs")
                .then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> request = TestKafka.await(Topics.COMPOSE_REQUESTS, r -> id.equals(r.key()), WAIT);
        String[] traceparent = traceparent(request);
        assertEquals(traceId, traceparent[1]);
        SpanData server = awaitSpan(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER);
        assertEquals(callerSpanId, server.getParentSpanId());
        SpanData producer = awaitSpan(s -> s.getSpanId().equals(traceparent[2]));
        assertEquals(server.getSpanId(), producer.getParentSpanId());
    }

    @Test
    void aWorkersReportContinuesItsTraceThroughTheOutboxToJobCompleted() throws Exception {
        Account account = TestTokens.newAccount("pro");
        String id = JobLifecycleTest.createGeneration(account, "pr_traced2");
        String traceId = hex(32);
        String workerSpanId = hex(16);
        JobStatusChanged report = new JobStatusChanged(UUID.randomUUID(), Instant.now(), id, JobStatus.COMPLETED,
                List.of("generations/" + account.workspaceId() + "/" + id + "-1.jpg"), null, Map.of("provider", "test"), null);
        TestKafka.send(Topics.JOB_STATUS, id, json.writeValueAsString(report),
                Map.of("traceparent", "00-" + traceId + "-" + workerSpanId + "-01"));

        ConsumerRecord<String, String> completed = TestKafka.await(Topics.JOB_COMPLETED, r -> id.equals(r.key()), WAIT);
        String[] traceparent = traceparent(completed);
        assertEquals(traceId, traceparent[1]);
        // job-service's consumer span is a child of the worker's, extracted from the record's headers ...
        SpanData consumer = awaitSpan(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.CONSUMER);
        assertEquals(workerSpanId, consumer.getParentSpanId());
        // ... and the job-completed record it caused (through the outbox) is sent from a child of it.
        SpanData producer = awaitSpan(s -> s.getSpanId().equals(traceparent[2]));
        assertEquals(SpanKind.PRODUCER, producer.getKind());
        assertEquals(consumer.getSpanId(), producer.getParentSpanId());
        assertNotEquals(traceparent[2], consumer.getSpanId());
    }

    /** Runs {@code work} in a transaction on a Vert.x context, as a request would, with {@code span} current. */
    private <T> T inTransaction(Span span, Supplier<Uni<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        io.vertx.core.Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            Scope scope = span == null ? Scope.noop() : span.makeCurrent();
            Panache.withTransaction(work)
                    .eventually(() -> {
                        scope.close();
                        if (span != null) {
                            span.end();
                        }
                    })
                    .subscribe().with(result::complete, result::completeExceptionally);
        });
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** {@code traceparent|tracestate} of the row, read in the transaction that wrote it (the relay deletes it once sent). */
    private static Uni<String> storedTraceContext(String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select coalesce(traceparent, '') || '|' || coalesce(tracestate, '') "
                        + "from outbox where msg_key = ?1", String.class)
                .setParameter(1, key)
                .getSingleResult());
    }

    private SpanData awaitSpan(Predicate<SpanData> match) {
        return await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream().filter(match).findFirst(),
                Optional::isPresent).get();
    }

    private static String[] traceparent(ConsumerRecord<String, String> record) {
        String value = header(record, "traceparent");
        assertNotNull(value, "no traceparent header on " + record.topic());
        assertEquals(1, count(record, "traceparent"), "exactly one traceparent header");
        String[] parts = value.split("-");
        assertEquals(4, parts.length, value);
        return parts;
    }

    private static long count(ConsumerRecord<String, String> record, String name) {
        long n = 0;
        for (Header ignored : record.headers().headers(name)) {
            n++;
        }
        return n;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String hex(int length) {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, length);
    }

    private static void ensureTopic() throws InterruptedException {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create " + TOPIC, e.getCause());
            }
        }
    }
}
