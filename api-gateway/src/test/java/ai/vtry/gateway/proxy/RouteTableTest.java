package ai.vtry.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.config.ServicesConfig;

class RouteTableTest {

    private final RouteTable routes = new RouteTable(new ServicesConfig() {
        public String person() {
            return "http://person:8081/";
        }

        public String clothes() {
            return "http://clothes:8082";
        }

        public String job() {
            return "http://job:8083";
        }

        public String webhook() {
            return "http://webhook:8085";
        }

        public String generation() {
            return "http://generation:8084";
        }
    });

    @Test
    void eachPublicPrefixGoesToItsService() {
        assertEquals(Optional.of("http://person:8081"), routes.upstreamFor("/api/v1/persons"));
        assertEquals(Optional.of("http://person:8081"), routes.upstreamFor("/api/v1/persons/pr_1/compose"));
        assertEquals(Optional.of("http://clothes:8082"), routes.upstreamFor("/api/v1/clothes/source-images"));
        assertEquals(Optional.of("http://job:8083"), routes.upstreamFor("/api/v1/jobs/req_1"));
        assertEquals(Optional.of("http://job:8083"), routes.upstreamFor("/api/v1/history"));
        assertEquals(Optional.of("http://job:8083"), routes.upstreamFor("/api/v1/usage"));
        assertEquals(Optional.of("http://generation:8084"), routes.upstreamFor("/api/v1/generations"));
        assertEquals(Optional.of("http://generation:8084"), routes.upstreamFor("/api/v1/edits"));
        assertEquals(Optional.of("http://generation:8084"), routes.upstreamFor("/api/v1/prompt-presets"));
        assertEquals(Optional.of("http://webhook:8085"), routes.upstreamFor("/api/v1/webhooks/wh_1/deliveries"));
    }

    @Test
    void prefixesMatchWholeSegmentsOnly() {
        assertEquals(Optional.empty(), routes.upstreamFor("/api/v1/personsx"));
        assertEquals(Optional.empty(), routes.upstreamFor("/api/v1/me"));
        assertEquals(Optional.empty(), routes.upstreamFor("/api/v1/nope"));
        assertEquals(Optional.empty(), routes.upstreamFor("/api/v1"));
        assertEquals(Optional.empty(), routes.upstreamFor("/internal/jobs"));
    }
}
