package dev.kinetic.testsupport.gateway;

import dev.kinetic.testsupport.gateway.Backends.Target;
import dev.kinetic.testsupport.kubelet.KubeWrites;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Gateway API data plane for tests: an HTTP server that routes by the {@code HTTPRoute}s
 * (gateway.networking.k8s.io/v1) on the Kubernetes test server, to the ready endpoints of the Services they name, and
 * the Gateway controller that marks those routes accepted.
 *
 * <p>Per request: the {@code Host} (port stripped) and the rules' matches pick a rule ({@link RouteMatcher}: exact
 * and {@code *.} hostnames, path {@code Exact}/{@code PathPrefix}/{@code RegularExpression}, headers, query, method),
 * a backend is drawn by weight, the rule's then the backend's {@code RequestHeaderModifier} filters are applied, and
 * the backend Service's port is resolved to a ready endpoint of its EndpointSlices (the slice port named like the
 * Service port; round-robin), read from informer caches on every request, so a changed slice takes effect at once.
 * The request then streams to that endpoint over HTTP/1.1 (method, path and query, headers without hop-by-hop ones,
 * {@code X-Forwarded-For}/{@code -Proto} added, body) and the answer streams back ({@code ResponseHeaderModifier}
 * filters applied).
 *
 * <p>Answers of its own: 404 when no route matches; 503 when the backend has no ready endpoint; 500 when the rule has
 * no backend with a weight, or names a Service or port that does not exist (as the Gateway API asks); 502 when the
 * endpoint cannot be reached. Each says why in its body. Not supported: TLS, websocket upgrades, redirects, rewrites,
 * mirrors, timeouts and retries from the route, GRPCRoutes, ReferenceGrants (every namespace may use every other's
 * Services), Gateway and listener selection (every HTTPRoute is served, whatever its {@code parentRefs}).
 *
 * <p>As the Gateway controller it writes, for every HTTPRoute it sees, one {@code status.parents[]} entry per {@code
 * parentRef} with its {@link Options#controllerName()} and {@code Accepted} and {@code ResolvedRefs} True for the
 * route's generation, which is what the serving controller waits for.
 *
 * <pre>{@code
 * try (TestGateway gateway = TestGateway.start(client, TestGateway.Options.defaults())) {
 *     // GET http://127.0.0.1:<gateway.port()>/ with Host: hello.default.example.com
 * }
 * }</pre>
 */
public final class TestGateway implements AutoCloseable {
    /** The controller name written into route statuses by default. */
    public static final String CONTROLLER_NAME = "kinetic.dev/test-gateway";

    private static final System.Logger LOG = System.getLogger(TestGateway.class.getName());
    private static final String BY_SERVICE = "service";
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "http2-settings",
            "expect");

    /**
     * Where the gateway listens and what it watches.
     *
     * @param host the address to listen on
     * @param port the port, 0 for a free one
     * @param namespace the only namespace whose HTTPRoutes, Services and EndpointSlices are watched; null for all
     * @param controllerName the controller name in the route statuses it writes
     */
    public record Options(String host, int port, String namespace, String controllerName) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(controllerName, "controllerName");
        }

        /** 127.0.0.1, a free port, every namespace, {@value #CONTROLLER_NAME}. */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, null, CONTROLLER_NAME);
        }

        public Options withHost(String value) {
            return new Options(value, port, namespace, controllerName);
        }

        public Options withPort(int value) {
            return new Options(host, value, namespace, controllerName);
        }

        public Options inNamespace(String value) {
            return new Options(host, port, value, controllerName);
        }

        public Options withControllerName(String value) {
            return new Options(host, port, namespace, value);
        }
    }

    private final KubernetesClient client;
    private final Options options;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final HttpClient http;
    private final ExecutorService statusWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-gateway-status");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
    private SharedIndexInformer<HTTPRoute> routes;
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<EndpointSlice> slices;
    private HttpServer server;

    private TestGateway(KubernetesClient client, Options options) {
        this.client = client;
        this.options = options;
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout(2000).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(100));
    }

    /** Starts watching and listening; returns once the caches are filled and the port is bound. */
    public static TestGateway start(KubernetesClient client, Options options) {
        TestGateway gateway = new TestGateway(client, options);
        try {
            gateway.watch();
            gateway.listen();
            return gateway;
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    private void watch() {
        String ns = options.namespace();
        Map<String, java.util.function.Function<EndpointSlice, List<String>>> byService =
                Map.of(BY_SERVICE, TestGateway::serviceOf);
        services = ns == null
                ? client.services().inAnyNamespace().inform()
                : client.services().inNamespace(ns).inform();
        slices = ns == null
                ? client.discovery()
                        .v1()
                        .endpointSlices()
                        .inAnyNamespace()
                        .withIndexers(byService)
                        .inform()
                : client.discovery()
                        .v1()
                        .endpointSlices()
                        .inNamespace(ns)
                        .withIndexers(byService)
                        .inform();
        ResourceEventHandler<HTTPRoute> accept = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HTTPRoute route) {
                statusWriter.execute(() -> accept(route));
            }

            @Override
            public void onUpdate(HTTPRoute before, HTTPRoute route) {
                statusWriter.execute(() -> accept(route));
            }

            @Override
            public void onDelete(HTTPRoute route, boolean finalStateUnknown) {}
        };
        routes = ns == null
                ? client.resources(HTTPRoute.class).inAnyNamespace().inform(accept)
                : client.resources(HTTPRoute.class).inNamespace(ns).inform(accept);
    }

    private static List<String> serviceOf(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(Backends.SERVICE_NAME_LABEL);
        return service == null ? List.of() : List.of(slice.getMetadata().getNamespace() + "/" + service);
    }

    private void listen() {
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(options.host())
                        .setPort(options.port())
                        .setHandle100ContinueAutomatically(true))
                .requestHandler(this::handle);
        await(server.listen());
    }

    /** The address the gateway listens on. */
    public String host() {
        return options.host();
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.actualPort();
    }

    /** {@code http://host:port}, to which requests are sent with the {@code Host} of the route to take. */
    public String url() {
        return "http://" + host() + ":" + port();
    }

    // ---- the Gateway controller ------------------------------------------------------------------------------

    /** Marks {@code route} accepted for its generation, unless it already is. */
    private void accept(HTTPRoute route) {
        String controller = options.controllerName();
        if (RouteStatuses.current(route, controller)) {
            return;
        }
        try {
            KubeWrites.retrying(() -> client.resources(HTTPRoute.class)
                    .inNamespace(route.getMetadata().getNamespace())
                    .withName(route.getMetadata().getName())
                    .editStatus(r -> {
                        r.setStatus(RouteStatuses.desired(r, controller, now()));
                        return r;
                    }));
        } catch (KubernetesClientException e) {
            LOG.log(System.Logger.Level.WARNING, "test gateway: cannot write the status of " + key(route) + ": " + e);
        }
    }

    // ---- the data plane ----------------------------------------------------------------------------------------

    private void handle(HttpServerRequest req) {
        req.pause();
        RouteMatcher.Request request = describe(req);
        Optional<RouteMatcher.Match> match =
                RouteMatcher.match(routes.getStore().list(), request);
        if (match.isEmpty()) {
            reply(req, 404, "no HTTPRoute matches host \"" + request.host() + "\" and path \"" + request.path() + "\"");
            return;
        }
        HTTPRoute route = match.get().route();
        List<HTTPBackendRef> refs = match.get().rule().getBackendRefs();
        int total = RouteMatcher.totalWeight(refs);
        if (total <= 0) {
            reply(req, 500, "HTTPRoute " + key(route) + ": no backend with a weight above 0");
            return;
        }
        HTTPBackendRef backend =
                RouteMatcher.pick(refs, ThreadLocalRandom.current().nextInt(total));
        String namespace = backend.getNamespace() == null ? route.getMetadata().getNamespace() : backend.getNamespace();
        String serviceKey = namespace + "/" + backend.getName();
        if (backend.getKind() != null && !"Service".equals(backend.getKind())) {
            reply(req, 500, "HTTPRoute " + key(route) + ": backend kind " + backend.getKind() + " is not supported");
            return;
        }
        Service service = services.getStore().getByKey(serviceKey);
        Optional<ServicePort> port =
                service == null ? Optional.empty() : Backends.servicePort(service, backend.getPort());
        if (port.isEmpty()) {
            reply(req, 500, "backend Service " + serviceKey + " port " + backend.getPort() + " does not exist");
            return;
        }
        List<Target> targets =
                Backends.readyTargets(port.get(), slices.getIndexer().byIndex(BY_SERVICE, serviceKey));
        if (targets.isEmpty()) {
            reply(req, 503, "no ready endpoint for Service " + serviceKey + " port " + backend.getPort());
            return;
        }
        String counter = serviceKey + ":" + backend.getPort();
        int next = roundRobin.computeIfAbsent(counter, k -> new AtomicInteger()).getAndIncrement();
        Target target = targets.get(Math.floorMod(next, targets.size()));
        MultiMap headers = forwardedHeaders(req);
        HeaderFilters.apply(HeaderFilters.request(match.get().rule(), backend), headers);
        proxy(req, target, headers, HeaderFilters.response(match.get().rule(), backend));
    }

    private static RouteMatcher.Request describe(HttpServerRequest req) {
        String host = req.authority() == null ? "" : req.authority().host().toLowerCase(Locale.ROOT);
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        Map<String, String> query = new HashMap<>();
        req.params().forEach(p -> query.putIfAbsent(p.getKey(), p.getValue()));
        return new RouteMatcher.Request(host, req.path(), req.method().name(), headers, query);
    }

    /** The request's headers as the backend gets them: no hop-by-hop ones, the forwarding ones added. */
    private static MultiMap forwardedHeaders(HttpServerRequest req) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        String connection = req.getHeader(HttpHeaders.CONNECTION);
        req.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !listedIn(connection, name)) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        if (!headers.contains(HttpHeaders.HOST) && req.authority() != null) {
            headers.set(HttpHeaders.HOST, req.authority().toString());
        }
        String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        if (peer != null) {
            String before = headers.get("X-Forwarded-For");
            headers.set("X-Forwarded-For", before == null ? peer : before + ", " + peer);
        }
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", "http");
        }
        return headers;
    }

    private static boolean listedIn(String connection, String name) {
        if (connection == null) {
            return false;
        }
        for (String token : connection.split(",")) {
            if (token.trim().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private void proxy(HttpServerRequest req, Target target, MultiMap headers, List<HTTPHeaderFilter> responseFilters) {
        RequestOptions upstreamOptions = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.host()))
                .setMethod(req.method())
                .setURI(req.uri())
                .setHeaders(headers);
        http.request(upstreamOptions).onComplete(ar -> {
            if (ar.failed()) {
                reply(
                        req,
                        502,
                        "backend " + target + " cannot be reached: "
                                + ar.cause().getMessage());
                return;
            }
            HttpClientRequest upstream = ar.result();
            upstream.response().onComplete(r -> {
                if (r.succeeded()) {
                    respond(req, r.result(), responseFilters);
                } else if (!req.response().headWritten()) {
                    reply(
                            req,
                            502,
                            "backend " + target + " failed: " + r.cause().getMessage());
                } else {
                    req.response().reset();
                }
            });
            boolean h2 = req.version() == HttpVersion.HTTP_2;
            String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean body = h2
                    || req.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                    || (length != null && !"0".equals(length.trim()));
            if (!body) {
                upstream.end();
                req.resume();
                return;
            }
            if (length == null) {
                upstream.setChunked(true);
            }
            req.pipeTo(upstream);
        });
    }

    private static void respond(HttpServerRequest req, HttpClientResponse r, List<HTTPHeaderFilter> filters) {
        HttpServerResponse resp = req.response();
        resp.setStatusCode(r.statusCode());
        if (r.statusMessage() != null) {
            resp.setStatusMessage(r.statusMessage());
        }
        String connection = r.getHeader(HttpHeaders.CONNECTION);
        r.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !listedIn(connection, name)) {
                resp.headers().add(h.getKey(), h.getValue());
            }
        });
        HeaderFilters.apply(filters, resp.headers());
        int status = r.statusCode();
        if (req.method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200) {
            r.body().onComplete(b -> resp.end());
            return;
        }
        if (r.getHeader(HttpHeaders.CONTENT_LENGTH) == null && req.version() != HttpVersion.HTTP_2) {
            resp.setChunked(true);
        }
        r.pipeTo(resp).onFailure(e -> resp.reset());
    }

    private static void reply(HttpServerRequest req, int status, String message) {
        req.resume();
        req.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(message + "\n");
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    /** Stops listening and watching. */
    @Override
    public void close() {
        for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {routes, services, slices}) {
            if (informer != null) {
                informer.stop();
            }
        }
        statusWriter.shutdownNow();
        await(vertx.close());
    }

    private static void await(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test gateway: " + e.getMessage(), e);
        }
    }

    private static String key(HasMetadata o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
