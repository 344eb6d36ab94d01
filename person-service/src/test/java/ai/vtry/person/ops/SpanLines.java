package ai.vtry.person.ops;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.tracing.LogSpanExporter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;

/** The span lines (category {@value LogSpanExporter#CATEGORY}) written while a test runs. */
final class SpanLines extends Handler implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(LogSpanExporter.CATEGORY);

    private SpanLines() {
        logger.addHandler(this);
    }

    static SpanLines capture() {
        return new SpanLines();
    }

    /** Lists a new account's persons, a request of the application's own (not /q/*, whose spans are dropped). */
    static void listPersons() {
        given().header("Authorization", TestTokens.newAccount("free").bearer())
                .get("/api/v1/persons").then().statusCode(200);
    }

    /** The first line that matches, once it has been written. */
    String await(Predicate<String> match) {
        return org.awaitility.Awaitility.await().atMost(WAIT)
                .until(() -> lines.stream().filter(match).findFirst(), Optional::isPresent).get();
    }

    /** Hands every finished span to every exporter (the log and, if it was built, OTLP) and waits for them. */
    static void flush(OpenTelemetry otel) {
        if (!((OpenTelemetrySdk) otel).getSdkTracerProvider().forceFlush().join(WAIT.toSeconds(), TimeUnit.SECONDS)
                .isSuccess()) {
            throw new AssertionError("the span processors did not flush");
        }
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
