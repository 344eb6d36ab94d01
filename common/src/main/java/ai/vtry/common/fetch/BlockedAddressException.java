package ai.vtry.common.fetch;

import java.net.UnknownHostException;

/** A host that resolves to an address URL imports must not reach (thrown from DNS resolution). */
public class BlockedAddressException extends UnknownHostException {

    public BlockedAddressException(String host, String reason) {
        super(host + " resolves to " + reason);
    }
}
