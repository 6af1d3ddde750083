package dev.kinetic.testsupport.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackAddressesTest {

    @Test
    void handsOutDistinctLoopbackAddressesOutside127001sNeighbourhood() throws Exception {
        List<String> ips = new ArrayList<>();
        try {
            for (int i = 0; i < 600; i++) {
                ips.add(LoopbackAddresses.allocate(Set.of()));
            }
            assertThat(ips).doesNotHaveDuplicates().allSatisfy(ip -> {
                assertThat(ip).startsWith("127.0.").doesNotStartWith("127.0.0.");
                assertThat(ip).doesNotEndWith(".0").doesNotEndWith(".255");
            });
            assertThat(InetAddress.getByName(ips.get(0)).isLoopbackAddress()).isTrue();
        } finally {
            ips.forEach(LoopbackAddresses::release);
        }
    }

    @Test
    void skipsAnAddressWhereOneOfThePodsPortsIsTaken() throws Exception {
        String last = LoopbackAddresses.allocate(Set.of());
        LoopbackAddresses.release(last);
        String upNext = next(last);
        try (ServerSocket blocker = new ServerSocket()) {
            blocker.bind(new InetSocketAddress(upNext, 0));
            String got = LoopbackAddresses.allocate(Set.of(blocker.getLocalPort()));
            LoopbackAddresses.release(got);
            assertThat(got).isNotEqualTo(upNext).isEqualTo(next(upNext));
        }
    }

    /** The address the allocator tries after {@code ip} (the cycle goes up by one, skipping .0 and .255). */
    private static String next(String ip) {
        String[] p = ip.split("\\.");
        int third = Integer.parseInt(p[2]);
        int fourth = Integer.parseInt(p[3]) + 1;
        if (fourth >= 255) {
            fourth = 1;
            third = third >= 255 ? 1 : third + 1;
        }
        return "127.0." + third + "." + fourth;
    }
}
