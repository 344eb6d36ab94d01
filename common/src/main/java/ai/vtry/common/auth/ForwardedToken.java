package ai.vtry.common.auth;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.rest.client.reactive.ReactiveClientHeadersFactory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/** Calls to other services carry the caller's internal token, so they act for the same workspace. */
@ApplicationScoped
public class ForwardedToken extends ReactiveClientHeadersFactory {

    private final JsonWebToken token;

    public ForwardedToken(JsonWebToken token) {
        this.token = token;
    }

    @Override
    public Uni<MultivaluedMap<String, String>> getHeaders(MultivaluedMap<String, String> incomingHeaders,
            MultivaluedMap<String, String> clientOutgoingHeaders) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String raw = token.getRawToken();
        if (raw != null) {
            headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + raw);
        }
        return Uni.createFrom().item(headers);
    }
}
