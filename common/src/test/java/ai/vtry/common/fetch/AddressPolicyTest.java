package ai.vtry.common.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy policy = new AddressPolicy(Set.of());

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, a loopback address",
            "127.255.0.9, a loopback address",
            "::1, a loopback address",
            "[::1], a loopback address",
            "::ffff:127.0.0.1, a loopback address",
            "10.0.0.1, a private address",
            "10.255.255.255, a private address",
            "172.16.0.1, a private address",
            "172.31.255.254, a private address",
            "192.168.1.1, a private address",
            "100.64.0.1, a private address",
            "100.127.255.254, a private address",
            "::ffff:10.0.0.1, a private address",
            "fc00::1, a private address",
            "fd12:3456::1, a private address",
            "0.0.0.0, an unspecified address",
            "::, an unspecified address",
            "224.0.0.1, a multicast address",
            "ff02::1, a multicast address",
            "240.0.0.1, a private address",
            "255.255.255.255, a private address",
            "169.254.169.254, a link-local or metadata address",
            "169.254.0.1, a link-local or metadata address",
            "::ffff:169.254.169.254, a link-local or metadata address",
            "fe80::1, a link-local or metadata address",
            "100.100.100.200, a link-local or metadata address",
            "fd00:ec2::254, a link-local or metadata address",
            "::7f00:1, a loopback address",
            "::a00:1, a private address",
            "64:ff9b::7f00:1, a loopback address",
            "64:ff9b::a00:1, a private address",
            "64:ff9b::a9fe:a9fe, a link-local or metadata address",
            "64:ff9b:1::a00:1, a private address",
            "64:ff9b:1:ffff::1, a private address",
            "2002:7f00:1::1, a loopback address",
            "2002:c0a8:101::1, a private address",
            "2002:a9fe:a9fe::1, a link-local or metadata address",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2, a tunnelling address",
            "2001::1, a tunnelling address",
            "198.18.0.1, a reserved address",
            "198.19.255.254, a reserved address",
            "192.0.0.8, a reserved address",
            "192.0.2.1, a reserved address",
            "198.51.100.7, a reserved address",
            "203.0.113.9, a reserved address",
            "64:ff9b::c000:201, a reserved address",
    })
    void refusedLiterals(String host, String reason) {
        BlockedAddressException e = assertThrows(BlockedAddressException.class, () -> policy.resolve(host));

        assertEquals(host + " resolves to " + reason, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "192.169.0.1", "11.0.0.1", "223.255.255.255", "2606:4700:4700::1111", "[2001:4860:4860::8888]",
            "64:ff9b::808:808", "2002:808:808::1", "198.17.255.255", "198.20.0.1", "192.0.1.1", "203.0.114.1"})
    void publicLiteralsAreAllowedWithoutDns(String host) throws UnknownHostException {
        InetAddress[] addresses = policy.resolve(host);

        assertEquals(1, addresses.length);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        assertArrayEquals(InetAddress.getByName(bare).getAddress(), addresses[0].getAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "100.100.100.200", "fe80::1", "fd00:ec2::254"})
    void metadataAndLinkLocalAreRefusedEvenWhenAllowListed(String host) {
        AddressPolicy allowing = new AddressPolicy(Set.of(host));

        BlockedAddressException e = assertThrows(BlockedAddressException.class, () -> allowing.resolve(host));
        assertEquals(host + " resolves to a link-local or metadata address", e.getMessage());
    }

    @Test
    void allowListedPrivateLiteralPasses() throws UnknownHostException {
        AddressPolicy allowing = AddressPolicy.allowing("10.1.2.3, 192.168.0.10");

        assertEquals("10.1.2.3", allowing.resolve("10.1.2.3")[0].getHostAddress());
        assertEquals("192.168.0.10", allowing.resolve("192.168.0.10")[0].getHostAddress());
        assertThrows(BlockedAddressException.class, () -> allowing.resolve("10.1.2.4"));
    }

    @Test
    void localhostResolvesToLoopbackAndIsRefused() {
        BlockedAddressException e = assertThrows(BlockedAddressException.class, () -> policy.resolve("localhost"));

        assertEquals("localhost resolves to a loopback address", e.getMessage());
        assertInstanceOf(UnknownHostException.class, e); // what HttpClient's DnsResolver contract allows
    }

    @Test
    void allowListedLocalhostResolves() throws UnknownHostException {
        AddressPolicy allowing = AddressPolicy.allowing(" LocalHost ,,");

        InetAddress[] addresses = allowing.resolve("localhost");

        assertTrue(addresses.length >= 1);
        for (InetAddress a : addresses) {
            assertTrue(a.isLoopbackAddress(), a.toString());
        }
        assertNotNull(allowing.resolve("LOCALHOST"));
        // the allow list is per name: the loopback literal is still refused
        assertThrows(BlockedAddressException.class, () -> allowing.resolve("127.0.0.1"));
    }

    @Test
    void nullOrEmptyAllowList() {
        assertThrows(BlockedAddressException.class, () -> AddressPolicy.allowing(null).resolve("127.0.0.1"));
        assertThrows(BlockedAddressException.class, () -> AddressPolicy.allowing("").resolve("127.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433"})
    void shorthandLoopbackLiteralsAreRefused(String host) {
        // Java parses these inet_aton forms as 127.0.0.1
        assertThrows(BlockedAddressException.class, () -> policy.resolve(host));
    }

    @Test
    void unresolvableNameIsUnknownNotBlocked() {
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> policy.resolve("no-such-host.invalid"));

        assertTrue(!(e instanceof BlockedAddressException), "an unknown host is not a blocked one: " + e);
    }

    @Test
    void ipv4MappedIpv6IsJudgedByItsIpv4Address() throws UnknownHostException {
        // a real Inet6Address holding ::ffff:a.b.c.d (InetAddress.getByAddress would hand back an Inet4Address)
        assertEquals("a loopback address", AddressPolicy.refusal(mapped(127, 0, 0, 1), false));
        assertEquals("a private address", AddressPolicy.refusal(mapped(10, 0, 0, 1), false));
        assertEquals("a private address", AddressPolicy.refusal(mapped(192, 168, 0, 1), false));
        assertEquals("a private address", AddressPolicy.refusal(mapped(100, 64, 0, 1), false));
        assertEquals("a link-local or metadata address", AddressPolicy.refusal(mapped(169, 254, 169, 254), false));
        assertEquals("a link-local or metadata address", AddressPolicy.refusal(mapped(169, 254, 169, 254), true));
        assertEquals("a link-local or metadata address", AddressPolicy.refusal(mapped(100, 100, 100, 200), true));
        assertEquals("an unspecified address", AddressPolicy.refusal(mapped(0, 0, 0, 0), false));
        assertNull(AddressPolicy.refusal(mapped(93, 184, 215, 14), false));
        assertNull(AddressPolicy.refusal(mapped(127, 0, 0, 1), true));
    }

    private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xFF;
        bytes[11] = (byte) 0xFF;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
        assertInstanceOf(Inet6Address.class, address);
        return address;
    }
}
