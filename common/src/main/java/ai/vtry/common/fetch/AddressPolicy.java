package ai.vtry.common.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.hc.client5.http.DnsResolver;

/**
 * Which addresses a URL import may connect to. Every address a host resolves to is checked, so a
 * name that resolves to one public and one private address is refused. Loopback, private,
 * carrier-grade NAT, reserved and special-purpose, unspecified and multicast addresses are refused
 * unless the host is on the allow list (development and tests only); link-local and cloud metadata
 * addresses never pass. An IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4)
 * is judged by that IPv4 address; Teredo is refused.
 */
public final class AddressPolicy {

    private final Set<String> allowedHosts;

    public AddressPolicy(Set<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** From a comma-separated list, as in VTRY_FETCH_ALLOW_HOSTS. */
    public static AddressPolicy allowing(String commaSeparatedHosts) {
        return new AddressPolicy(commaSeparatedHosts == null ? Set.of()
                : Arrays.stream(commaSeparatedHosts.split(",")).collect(Collectors.toSet()));
    }

    /** Whether {@code host} is on the allow list (it may be private or loopback). */
    public boolean allowListed(String host) {
        return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** This policy as the HTTP client's name lookup: every connection it opens goes through {@link #resolve}. */
    public DnsResolver dnsResolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return AddressPolicy.this.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }

    /** Resolves {@code host} and returns its addresses only if every one of them may be reached. */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(name);
        boolean allowListed = allowedHosts.contains(name.toLowerCase(Locale.ROOT));
        for (InetAddress address : addresses) {
            String refusal = refusal(address, allowListed);
            if (refusal != null) {
                throw new BlockedAddressException(host, refusal);
            }
        }
        return addresses;
    }

    /** Why {@code address} may not be reached, or null if it may. */
    static String refusal(InetAddress address, boolean allowListed) {
        if (isTeredo(address)) {
            return "a tunnelling address"; // Teredo hides its IPv4 endpoints; nothing public needs it
        }
        InetAddress a = embeddedIpv4(address);
        if (a.isLinkLocalAddress() || isMetadata(a)) {
            return "a link-local or metadata address";
        }
        if (allowListed) {
            return null;
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        if (a.isSiteLocalAddress() || isUniqueLocal(a) || isCarrierGradeNat(a) || isReservedV4(a) || isLocalNat64(a)) {
            return "a private address";
        }
        if (isSpecialPurposeV4(a)) {
            return "a reserved address";
        }
        return null;
    }

    /**
     * The IPv4 address an IPv6 address stands for, where it carries one the network would reach:
     * mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}
     * (through a NAT64 gateway) and 6to4 {@code 2002:AABB:CCDD::} (through a relay). Else the address itself.
     */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        if (startsWith(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF) || startsWith(b, 0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0)
                || startsWith(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) && (b[12] | b[13] | b[14]) != 0) {
            return ipv4(Arrays.copyOfRange(b, 12, 16), address); // (:: and ::1 stay IPv6: unspecified, loopback)
        }
        if (startsWith(b, 0x20, 0x02)) {
            return ipv4(Arrays.copyOfRange(b, 2, 6), address);
        }
        return address;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] bytes, InetAddress otherwise) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            return otherwise;
        }
    }

    /** 2001:0::/32. */
    private static boolean isTeredo(InetAddress a) {
        return a instanceof Inet6Address && startsWith(a.getAddress(), 0x20, 0x01, 0x00, 0x00);
    }

    /** 64:ff9b:1::/48, NAT64 for local use (RFC 8215): its IPv4 side is the operator's own network. */
    private static boolean isLocalNat64(InetAddress a) {
        return a instanceof Inet6Address && startsWith(a.getAddress(), 0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01);
    }

    /** 192.0.0.0/24 (protocol assignments), the TEST-NETs, 198.18.0.0/15 (benchmarking): never a web server. */
    private static boolean isSpecialPurposeV4(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            return false;
        }
        byte[] b = a.getAddress();
        return startsWith(b, 192, 0, 0) || startsWith(b, 192, 0, 2) || startsWith(b, 198, 51, 100) || startsWith(b, 203, 0, 113)
                || startsWith(b, 198) && (b[1] & 0xFE) == 18;
    }

    private static boolean isMetadata(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            // 169.254.169.254 is link-local already; Alibaba Cloud's metadata lives at 100.100.100.200.
            return (b[0] & 0xFF) == 100 && (b[1] & 0xFF) == 100 && (b[2] & 0xFF) == 100 && (b[3] & 0xFF) == 200;
        }
        // AWS IPv6 metadata: fd00:ec2::254
        return (b[0] & 0xFF) == 0xFD && b[1] == 0 && (b[2] & 0xFF) == 0x0E && (b[3] & 0xFF) == 0xC2
                && (b[15] & 0xFF) == 0x54 && b[14] == 0x02;
    }

    private static boolean isUniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC; // fc00::/7
    }

    private static boolean isCarrierGradeNat(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64; // 100.64.0.0/10
    }

    private static boolean isReservedV4(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && ((b[0] & 0xFF) == 0 || (b[0] & 0xFF) >= 240); // 0/8, 240/4 incl. broadcast
    }
}
