package ai.vtry.common.error;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.hibernate.exception.DataException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.netty.handler.codec.DecoderException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The single exception-to-response mapping of every service: whatever goes wrong, the caller gets
 * the documented error body, and only a real bug gives a 500 (logged, with a generic message).
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.status(), e.body());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && (e instanceof MismatchedInputException || e instanceof InvalidFormatException)) {
            String field = fieldPath(mapping);
            String message = e instanceof UnrecognizedPropertyException ? field + " is not a known field"
                    : field + " has the wrong type";
            return respond(400, ApiException.validation(field, message).body());
        }
        return respond(400, ErrorBody.of("invalidJson", "The request body is not valid JSON"));
    }

    /** Quarkus ships a mapper for this subtype with its own body; ours must win. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    /**
     * A record field sent twice, directly or through an alias ({"name": .., "newName": ..}), reaches
     * Jackson's record creator twice and fails as a "definition" problem: the client's mistake, a 400.
     * Any other definition problem is ours (Quarkus's own mapper would answer it with its own body).
     */
    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int start = message.indexOf('\'');
        int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
        if (message.startsWith("No fallback setter/field defined for creator property") && end > start) {
            String field = message.substring(start + 1, end);
            return respond(400, ApiException.validation(field, field + " is given more than once (or also under an alias)").body());
        }
        Log.errorf(e, "Unhandled server error");
        return respond(500, ErrorBody.of("internalError", "Internal server error"));
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "Unhandled server error");
            return respond(500, ErrorBody.of("internalError", "Internal server error"));
        }
        return respond(status, ErrorBody.of(codeFor(status), messageFor(status, e)));
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        return map(e.getCauses().get(0));
    }

    @ServerExceptionMapper
    public Response anythingElse(Throwable e) {
        return map(e);
    }

    private Response map(Throwable e) {
        if (e instanceof ApiException api) {
            return apiException(api);
        }
        if (e instanceof WebApplicationException web) {
            return webApplicationException(web);
        }
        if (e instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        if (e instanceof CompositeException composite) {
            return composite(composite);
        }
        if (unreadableBody(e)) {
            return respond(400, ErrorBody.of("malformedBody", "The request body is cut short or is not valid multipart/form-data"));
        }
        if (unknownCharset(e)) {
            return respond(400, ErrorBody.of("malformedBody", "The request names a character set that does not exist"));
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("Failed to parse media type")) {
            return respond(400, ErrorBody.of("invalidContentType", "The Content-Type header is not a valid media type"));
        }
        if (e instanceof DataException data && data.getSQLState() != null && data.getSQLState().startsWith("22")) {
            // SQL class 22: a value the column cannot hold (a NUL character, a number out of range).
            return respond(400, ErrorBody.of("invalidValue", "The request holds a value that cannot be stored (e.g. a NUL character)"));
        }
        Log.errorf(e, "Unhandled server error");
        return respond(500, ErrorBody.of("internalError", "Internal server error"));
    }

    /**
     * A multipart body the server could not parse: cut short (Vert.x reports the request's end before
     * the closing boundary as an IOException) or malformed (Netty's decoder rejects it). The client's
     * fault, so a 400, never a 500.
     */
    private static boolean unreadableBody(Throwable e) {
        return anyCause(e, cause -> cause instanceof DecoderException || cause instanceof MultipartParser.MalformedMessageException
                || cause instanceof IOException io && io.getMessage() != null && io.getMessage().contains("multipart")
                || thrownByTheMultipartParser(cause));
    }

    /**
     * The REST layer's multipart parser fails on some malformed bodies with an index error of its own
     * (seen by FuzzIT): the input's fault, whatever the exception's type.
     */
    private static boolean thrownByTheMultipartParser(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 8); i++) {
            if (frames[i].getClassName().startsWith("org.jboss.resteasy.reactive.server.core.multipart.")) {
                return true;
            }
        }
        return false;
    }

    /** A part or form declaring a charset the JVM does not know. */
    private static boolean unknownCharset(Throwable e) {
        return anyCause(e, cause -> cause instanceof UnsupportedEncodingException || cause instanceof IllegalCharsetNameException
                || cause instanceof UnsupportedCharsetException);
    }

    /** Whether {@code e} or any of its causes is {@code what}. */
    private static boolean anyCause(Throwable e, Predicate<Throwable> what) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (what.test(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "badRequest";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "notFound";
            case 405 -> "methodNotAllowed";
            case 406 -> "notAcceptable";
            case 413 -> "payloadTooLarge";
            case 415 -> "unsupportedMediaType";
            default -> "httpError" + status;
        };
    }

    private static String messageFor(int status, WebApplicationException e) {
        return switch (status) {
            case 401 -> "Authentication is required";
            case 404 -> "No such endpoint or resource";
            case 405 -> "This method is not allowed on this endpoint";
            case 413 -> "The request body is too large";
            case 415 -> "This content type is not supported here";
            default -> e.getMessage() == null ? "Request failed" : e.getMessage();
        };
    }

    static Response respond(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
