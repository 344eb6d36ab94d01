package ai.vtry.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The client behind X-Forwarded-For, believed only from trusted proxies and read from the right. */
class ClientAddressesTest {

    private final ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.1", "::1/128"));

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        assertEquals("203.0.113.9", clients.resolve("203.0.113.9", List.of("1.2.3.4")));
        assertEquals("203.0.113.9", clients.resolve("203.0.113.9", List.of()));
        assertEquals("11.0.0.1", clients.resolve("11.0.0.1", List.of("10.0.0.5")));
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        ClientAddresses none = new ClientAddresses(List.of());
        assertEquals("10.0.0.2", none.resolve("10.0.0.2", List.of("198.51.100.7")));
        assertEquals("::1", none.resolve("::1", List.of("198.51.100.7")));
    }

    @Test
    void behindTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertEquals("198.51.100.7", clients.resolve("10.0.0.2", List.of("198.51.100.7")));
        // The client wrote 1.1.1.1 itself; the proxy appended the address it saw.
        assertEquals("198.51.100.7", clients.resolve("10.0.0.2", List.of("1.1.1.1, 198.51.100.7")));
        assertEquals("198.51.100.7", clients.resolve("192.168.1.1", List.of("1.1.1.1", "198.51.100.7, 10.9.9.9")));
        assertEquals("10.0.0.5", clients.resolve("10.0.0.2", List.of("10.0.0.5")));
        assertEquals("10.0.0.2", clients.resolve("10.0.0.2", List.of()));
    }

    @Test
    void garbageEndsTheWalk() {
        assertEquals("10.0.0.5", clients.resolve("10.0.0.2", List.of("evil, 10.0.0.5")));
        assertEquals("10.0.0.2", clients.resolve("10.0.0.2", List.of("unknown")));
        assertEquals("10.0.0.2", clients.resolve("10.0.0.2", List.of("example.com")));
    }

    @Test
    void ipv6AndIpv4MappedAddresses() {
        assertEquals("2001:db8:0:0:0:0:0:1", clients.resolve("0:0:0:0:0:0:0:1", List.of("2001:db8::1")));
        assertEquals("198.51.100.7", clients.resolve("::ffff:10.1.2.3", List.of("198.51.100.7")));
        assertEquals("2001:db8:0:0:0:0:0:2", clients.resolve("::1", List.of("[2001:db8::2]")));
    }

    @Test
    void ipv6LimitsCountPerSlash64AndIpv4PerAddress() {
        assertEquals("2001:db8:1:2::/64", ClientAddresses.limitSubject("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:1:2::/64", ClientAddresses.limitSubject("2001:db8:1:2:0:0:0:1"));
        assertEquals("2001:db8:1:3::/64", ClientAddresses.limitSubject("2001:db8:1:3::1"));
        assertEquals("::/64", ClientAddresses.limitSubject("0:0:0:0:0:0:0:1"));
        assertEquals("198.51.100.7", ClientAddresses.limitSubject("198.51.100.7"));
        assertEquals("unknown", ClientAddresses.limitSubject("unknown"));
        // What resolve hands the limiter: the /64 of an IPv6 client, an IPv4-mapped client as IPv4.
        assertEquals("2001:db8::/64",
                ClientAddresses.limitSubject(clients.resolve("10.0.0.2", List.of("2001:db8::5"))));
        assertEquals("198.51.100.7",
                ClientAddresses.limitSubject(clients.resolve("10.0.0.2", List.of("::ffff:198.51.100.7"))));
    }

    @Test
    void cidrsMatchTheirPrefixOnly() {
        ClientAddresses.Cidr cidr = ClientAddresses.Cidr.parse("172.16.0.0/12");
        assertEquals(true, cidr.contains(ClientAddresses.parseAddress("172.31.255.255")));
        assertEquals(false, cidr.contains(ClientAddresses.parseAddress("172.32.0.0")));
        assertEquals(false, cidr.contains(ClientAddresses.parseAddress("::1")));
        assertEquals(true, ClientAddresses.Cidr.parse("0.0.0.0/0").contains(ClientAddresses.parseAddress("8.8.8.8")));
    }

    @Test
    void aBadTrustedProxyFailsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("proxy.example.com")));
    }
}
