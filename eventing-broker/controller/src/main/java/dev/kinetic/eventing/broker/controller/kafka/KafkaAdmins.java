package dev.kinetic.eventing.broker.controller.kafka;

import dev.kinetic.eventing.broker.controller.BrokerControllerSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/** One Kafka admin client per set of bootstrap servers, created on first use and closed on shutdown. */
@ApplicationScoped
public class KafkaAdmins {
    private final Map<String, Admin> admins = new HashMap<>();

    @Inject
    BrokerControllerSettings settings;

    /**
     * The admin client of the cluster at {@code bootstrapServers}.
     *
     * @throws KafkaUnavailableException when no client can be made (for example no server name resolves)
     */
    public synchronized Admin admin(String bootstrapServers) {
        Admin admin = admins.get(bootstrapServers);
        if (admin != null) {
            return admin;
        }
        int timeout = (int) settings.kafkaTimeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "kinetic-broker-controller");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) {
            throw new KafkaUnavailableException("cannot reach Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        admins.put(bootstrapServers, admin);
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        admins.values().forEach(a -> a.close(Duration.ofSeconds(5)));
        admins.clear();
    }
}
