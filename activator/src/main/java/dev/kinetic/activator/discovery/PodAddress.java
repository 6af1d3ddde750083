package dev.kinetic.activator.discovery;

import io.vertx.core.net.SocketAddress;

/**
 * Where a pod's queue-proxy listens.
 *
 * @param ip the pod IP (IPv4 or IPv6, unbracketed)
 * @param port the serving port (8012, or 8013 for h2c revisions)
 */
public record PodAddress(String ip, int port) implements Comparable<PodAddress> {

    /** {@code ip:port}, IPv6 bracketed: the form trackers and logs use. */
    @Override
    public String toString() {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    public SocketAddress socketAddress() {
        return SocketAddress.inetSocketAddress(port, ip);
    }

    /** The inverse of {@link #toString()}. */
    public static PodAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not an ip:port address: " + address);
        }
        String ip = address.substring(0, colon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        return new PodAddress(ip, Integer.parseInt(address.substring(colon + 1)));
    }

    @Override
    public int compareTo(PodAddress o) {
        return toString().compareTo(o.toString());
    }
}
