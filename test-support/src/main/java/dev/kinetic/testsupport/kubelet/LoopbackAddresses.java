package dev.kinetic.testsupport.kubelet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pod IPs: addresses {@code 127.0.x.y} with x ≥ 1 and y in 1–254, so never {@code 127.0.0.1} (nor anything in
 * {@code 127.0.0.0/24}, where hand-written tests bind). All of {@code 127.0.0.0/8} reaches this machine, so every pod
 * can bind the same ports on an address of its own.
 *
 * <p>Shared by every kubelet of the JVM, so two kubelets never hand out one address. Addresses are handed out in a
 * cycle and not reused until it comes round (some 65,000 pods later), so a stopped pod's address is not at once
 * someone else's. Other JVMs on the machine (other modules' test runs) start their cycle elsewhere, chosen from the
 * process id, and an address where one of the pod's ports is already taken is skipped.
 */
final class LoopbackAddresses {
    private static final int FIRST = 1 << 8; // 127.0.1.0
    private static final int SIZE = 1 << 16; // up to 127.0.255.255
    private static final Set<String> IN_USE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger NEXT =
            new AtomicInteger(FIRST + (int) (ProcessHandle.current().pid() % 200) * 256);

    private LoopbackAddresses() {}

    /**
     * A free address on which each of {@code ports} can be bound.
     *
     * @throws IllegalStateException if there is none left
     */
    static String allocate(Collection<Integer> ports) {
        for (int attempt = 0; attempt < SIZE; attempt++) {
            int n = Math.floorMod(NEXT.getAndIncrement() - FIRST, SIZE - FIRST) + FIRST;
            int low = n & 0xff;
            if (low == 0 || low == 255) {
                continue;
            }
            String ip = "127.0." + (n >> 8) + "." + low;
            if (!IN_USE.add(ip)) {
                continue;
            }
            if (bindable(ip, ports)) {
                return ip;
            }
            IN_USE.remove(ip);
        }
        throw new IllegalStateException("no free loopback address left for a pod");
    }

    /** Gives {@code ip} back once its pod has stopped. */
    static void release(String ip) {
        IN_USE.remove(ip);
    }

    private static boolean bindable(String ip, Collection<Integer> ports) {
        for (int port : ports) {
            if (port <= 0 || port > 65535) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                // As the pod's servers do: a port in TIME_WAIT is free, one something listens on is not.
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(ip, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
