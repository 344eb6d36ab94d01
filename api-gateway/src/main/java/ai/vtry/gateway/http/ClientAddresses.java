package ai.vtry.gateway.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.vtry.gateway.config.GatewayConfig;
import io.netty.util.NetUtil;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who the client is. X-Forwarded-For is believed only from a trusted proxy
 * ({@code vtry.gateway.trusted-proxies}), and then read from the right: each trusted hop names the
 * one before it, and the first address not in the trusted ranges is the client. Anything a client
 * writes into the header itself sits left of that and is never reached.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final String CONTEXT_KEY = "vtry.client";

    /** An address range: the first {@code bits} bits of {@code network}. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            String trimmed = text.trim();
            int slash = trimmed.indexOf('/');
            byte[] address = parseAddress(slash < 0 ? trimmed : trimmed.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("Not an address or CIDR in vtry.gateway.trusted-proxies: " + text);
            }
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in vtry.gateway.trusted-proxies: " + text);
            }
            return new Cidr(address, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Cidr> trusted;

    @Inject
    public ClientAddresses(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
        for (Cidr cidr : trusted) {
            if (cidr.bits() < (cidr.network().length == 4 ? 24 : 64)) {
                Log.warnf("vtry.gateway.trusted-proxies trusts a whole network (/%d): every host in it can claim any "
                        + "client address; list the proxies' own addresses", cidr.bits());
            }
        }
    }

    /** The client of this request, resolved once and kept in the context. */
    public String of(RoutingContext ctx) {
        String client = ctx.get(CONTEXT_KEY);
        if (client == null) {
            client = trusted.isEmpty() ? peer(ctx.request())
                    : resolve(peer(ctx.request()), ctx.request().headers().getAll("X-Forwarded-For"));
            ctx.put(CONTEXT_KEY, client);
        }
        return client;
    }

    /** The X-Forwarded-For to send upstream: the chain so far only if the peer is a trusted proxy. */
    public String forwardedFor(HttpServerRequest in) {
        String peer = peer(in);
        if (trusted.isEmpty()) {
            return peer;
        }
        String earlier = String.join(", ", in.headers().getAll("X-Forwarded-For"));
        return earlier.isBlank() || !isTrusted(parseAddress(peer)) ? peer : earlier + ", " + peer;
    }

    /** The client address given the socket peer and the X-Forwarded-For header values. */
    String resolve(String peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || !isTrusted(parseAddress(peer))) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] address = parseAddress(hops.get(i));
            if (address == null) {
                break; // garbage: a trusted proxy never writes it, so whatever is left of it is the client's own
            }
            client = format(address);
            if (!isTrusted(address)) {
                break;
            }
        }
        return client;
    }

    /**
     * The subject the per-address limits count {@code client} under: an IPv6 client's /64 (one
     * customer usually holds a whole /64 and could rotate through its addresses for free), e.g.
     * {@code 2001:db8:1:2::/64}; an IPv4 client's own address. Anything else stays as it is.
     */
    public static String limitSubject(String client) {
        byte[] address = parseAddress(client);
        if (address == null || address.length == 4) {
            return client;
        }
        Arrays.fill(address, 8, 16, (byte) 0);
        return NetUtil.bytesToIpAddress(address) + "/64";
    }

    private boolean isTrusted(byte[] address) {
        if (address == null) {
            return false;
        }
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String peer(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    /** The bytes of an IP literal (never a DNS lookup), IPv4-mapped IPv6 as IPv4; null if not a literal. */
    static byte[] parseAddress(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            byte[] v4 = new byte[4];
            System.arraycopy(bytes, 12, v4, 0, 4);
            return v4;
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an address length: " + address.length, e);
        }
    }
}
