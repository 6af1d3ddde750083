package dev.kinetic.autoscaler.collect;

import dev.kinetic.autoscaler.AutoscalerSettings;
import dev.kinetic.autoscaler.kpa.Deciders;
import dev.kinetic.autoscaler.scaling.DeciderSpec;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Scrapes the queue-proxy stat ({@code :9090}) of a sample of every revision's ready pods each second, without
 * blocking: one Vert.x HTTP client, all pods in parallel. The sample's sums, scaled to all ready pods, are recorded
 * in the revision's windows. A round in which a sampled pod did not answer records nothing ({@link
 * ScrapePlan#totals}): the decider sees no data for that second rather than a false zero or an extrapolation from
 * the pods that happened to answer.
 */
@ApplicationScoped
public class StatScraper {
    private static final Logger LOG = Logger.getLogger(StatScraper.class);
    /** The source name of the scraper's rounds (one per revision per second) in {@link RevisionMetrics}. */
    static final String SOURCE = "scraper";
    /** The queue-proxy's autoscaler stat port. */
    public static final int STAT_PORT = 9090;

    @Inject
    Vertx vertx;

    @Inject
    Deciders deciders;

    @Inject
    EndpointDirectory directory;

    @Inject
    AutoscalerSettings settings;

    private HttpClient client;
    private long timerId = -1;
    /** The uptime each pod address reported last, to scrape pods older than the stable window first. */
    private final Map<String, Double> uptimes = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        int timeout = (int) settings.scrapeTimeout().toMillis();
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(timeout)
                .setIdleTimeout(30)
                .setKeepAlive(true)
                .setMaxPoolSize(1000));
        timerId = vertx.setPeriodic(settings.scrapeInterval().toMillis(), id -> scrapeAll());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (client != null) {
            client.close();
        }
    }

    void scrapeAll() {
        Set<String> live = new HashSet<>();
        for (RevisionKey key : deciders.scrapeTargets()) {
            DeciderSpec spec = deciders.spec(key);
            if (spec == null) {
                continue;
            }
            List<String> ready = directory.readyAddresses(key.namespace(), key.name() + "-private");
            live.addAll(ready);
            if (!ready.isEmpty()) {
                scrape(key, spec, ready);
            }
        }
        uptimes.keySet().retainAll(live);
    }

    private void scrape(RevisionKey key, DeciderSpec spec, List<String> ready) {
        List<String> sample =
                ScrapePlan.sample(ready, uptimes, spec.stableWindowMillis() / 1000.0, ThreadLocalRandom.current());
        List<Future<PodStat>> results = new ArrayList<>(sample.size());
        for (String address : sample) {
            results.add(scrapeOne(address));
        }
        Future.join(results).onComplete(done -> {
            List<Optional<PodStat>> answers = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                Future<PodStat> f = results.get(i);
                if (f.succeeded()) {
                    answers.add(Optional.of(f.result()));
                    uptimes.put(sample.get(i), f.result().processUptimeSeconds());
                } else {
                    answers.add(Optional.empty());
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("%s: scraping %s failed: %s", key, sample.get(i), f.cause());
                    }
                }
            }
            ScrapePlan.totals(answers, ready.size())
                    .ifPresent(
                            totals -> deciders.record(key, SOURCE, System.currentTimeMillis(), totals[0], totals[1]));
        });
    }

    private Future<PodStat> scrapeOne(String address) {
        return client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(address)
                        .setPort(STAT_PORT)
                        .setURI("/")
                        .setTimeout(settings.scrapeTimeout().toMillis()))
                .compose(req -> req.send())
                .compose(resp ->
                        resp.statusCode() == 200 ? resp.body() : Future.failedFuture("status " + resp.statusCode()))
                .map(body -> PodStat.fromQueueProxy(new JsonObject(body)));
    }
}
