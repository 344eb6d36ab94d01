package ai.vtry.common.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses a URL import may connect to. Every address a host resolves to is checked, so a
 * name that resolves to one public and one private address is refused. Loopback, private,
 * carrier-grade NAT, unspecified and multicast addresses are refused unless the host is on the
 * allow list (development and tests only); link-local and cloud metadata addresses never pass.
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
        InetAddress a = unwrapMapped(address);
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
        if (a.isSiteLocalAddress() || isUniqueLocal(a) || isCarrierGradeNat(a) || isReservedV4(a)) {
            return "a private address";
        }
        return null;
    }

    /** ::ffff:10.0.0.1 is 10.0.0.1 to the network stack. */
    private static InetAddress unwrapMapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException impossible) {
                    return address;
                }
            }
        }
        return address;
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
