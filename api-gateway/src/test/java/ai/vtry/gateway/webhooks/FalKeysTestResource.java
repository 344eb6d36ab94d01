package ai.vtry.gateway.webhooks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * fal's published webhook keys (a JWKS) as a local server, holding one Ed25519 key pair whose
 * private half the tests sign with, as fal does.
 */
public class FalKeysTestResource implements QuarkusTestResourceLifecycleManager {

    static final KeyPair FAL = generate();

    private HttpServer server;

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        byte[] encoded = FAL.getPublic().getEncoded(); // X.509: a 12-byte prefix, then the 32-byte key
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(encoded, 12, encoded.length));
        byte[] jwks = ("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"kid\":\"test\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return Map.of("vtry.fal.jwks-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
