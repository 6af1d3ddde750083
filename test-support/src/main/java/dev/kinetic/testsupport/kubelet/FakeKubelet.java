package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A kubelet, ReplicaSet controller, Deployment controller and EndpointSlice controller in one, for tests against the
 * Kubernetes test server, which runs no controllers. It turns Deployments into Pods that really run: each pod gets a
 * loopback IP of its own ({@code 127.0.x.y}, never {@code 127.0.0.1}) and its containers listen on it, started through
 * the {@link ContainerRuntime} that {@link ContainerRuntimes} picks by image.
 *
 * <ul>
 *   <li><b>Pods</b>: {@code spec.replicas} per Deployment, named {@code <deployment>-<template hash>-<suffix>}, with
 *       the template's labels plus {@value #POD_TEMPLATE_HASH_LABEL}, owned by the Deployment, status with the pod IP,
 *       phase, container statuses and the {@code Ready} condition. An image no runtime serves leaves its container
 *       waiting with {@code ErrImagePull}, then {@code ImagePullBackOff}. A container that exits is reported
 *       terminated with its exit code and is not restarted.
 *   <li><b>Readiness</b>: each container's readiness probe (HTTP GET with headers, TCP, gRPC as TCP) is run against
 *       the pod IP as soon as the container has started (after {@code initialDelaySeconds}), then every {@code
 *       periodSeconds} ({@link Options#probePeriod()} overrides), with the probe's thresholds. A container without a
 *       probe is ready once started.
 *   <li><b>Stopping</b>: on scale-down (not-ready pods first, then the newest), Deployment deletion or Pod deletion,
 *       the pod leaves its EndpointSlices' ready endpoints at once, each container's {@code preStop} HTTP hook runs,
 *       then it gets SIGTERM semantics and is killed after the grace period ({@code terminationGracePeriodSeconds},
 *       default 30, or {@link Options#terminationGracePeriod()}). The Pod object carries the finalizer {@value
 *       #FINALIZER} so that it shows its {@code deletionTimestamp} while that happens; it is deleted once every
 *       container has stopped. A deleted pod is replaced.
 *   <li><b>EndpointSlices</b>: for every Service with a selector in a namespace that has pods of this kubelet, one
 *       slice {@code <service>-kubelet} listing the selected pods, kept current as pods and Services change.
 *       Selector-less Services are left alone.
 *   <li><b>Deployment status</b>: replica counts, {@code observedGeneration}, {@code Available} and {@code
 *       Progressing} (with {@code ProgressDeadlineExceeded}), written through the status subresource.
 *   <li>A template change rolls out as with {@code maxSurge} unbounded and {@code maxUnavailable: 0}: new pods first,
 *       an old one stopped for each new one ready.
 * </ul>
 *
 * <p>Informer handlers only hand work to the kubelet's own loop thread, which owns all state; starting containers,
 * probing and stopping run on worker threads. {@link #close()} stops every container (SIGTERM, then SIGKILL after
 * {@link Options#closeGracePeriod()}) and waits for all of them to exit; it leaves the API objects as they are.
 *
 * <p>Not modelled: init containers, restarts, exec probes and hooks (probes pass, hooks are skipped), liveness and
 * startup probes, ConfigMap/Secret environment variables, volumes, resource limits, the ReplicaSet objects
 * themselves.
 */
public final class FakeKubelet implements AutoCloseable {
    /** Keeps a stopping pod's object, with its {@code deletionTimestamp}, until its containers have stopped. */
    public static final String FINALIZER = "kinetic.dev/fake-kubelet";
    /** The label telling pods of one template from another's, as the Deployment controller sets it. */
    public static final String POD_TEMPLATE_HASH_LABEL = "pod-template-hash";
    /** The node's address: {@code status.hostIP} of every pod. */
    public static final String HOST_IP = "127.0.0.1";

    private static final System.Logger LOG = System.getLogger(FakeKubelet.class.getName());
    /** The characters Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private static final long IMAGE_PULL_BACKOFF_AFTER_MS = 1000;
    private static final long RETRY_AFTER_MS = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * How the kubelet runs.
     *
     * @param namespace the only namespace to watch, or null for all
     * @param logDirectory where {@link JavaProcessRuntime} writes container logs
     * @param terminationGracePeriod overrides every pod's {@code terminationGracePeriodSeconds} when not null
     * @param probePeriod overrides every readiness probe's {@code periodSeconds} when not null
     * @param closeGracePeriod how long {@link #close()} lets containers shut down before killing them
     * @param nodeName the node the pods run on ({@code spec.nodeName}, the endpoints' {@code nodeName})
     */
    public record Options(
            String namespace,
            Path logDirectory,
            Duration terminationGracePeriod,
            Duration probePeriod,
            Duration closeGracePeriod,
            String nodeName) {
        public Options {
            Objects.requireNonNull(logDirectory, "logDirectory");
            Objects.requireNonNull(closeGracePeriod, "closeGracePeriod");
            Objects.requireNonNull(nodeName, "nodeName");
        }

        /** All namespaces, logs under {@code target/kubelet-logs}, the pods' own timing, 2 s to stop on close. */
        public static Options defaults() {
            return new Options(
                    null, Path.of("target", "kubelet-logs"), null, null, Duration.ofSeconds(2), "kinetic-fake-node");
        }

        public Options inNamespace(String value) {
            return new Options(value, logDirectory, terminationGracePeriod, probePeriod, closeGracePeriod, nodeName);
        }

        public Options withLogDirectory(Path value) {
            return new Options(namespace, value, terminationGracePeriod, probePeriod, closeGracePeriod, nodeName);
        }

        public Options withTerminationGracePeriod(Duration value) {
            return new Options(namespace, logDirectory, value, probePeriod, closeGracePeriod, nodeName);
        }

        public Options withProbePeriod(Duration value) {
            return new Options(namespace, logDirectory, terminationGracePeriod, value, closeGracePeriod, nodeName);
        }

        public Options withCloseGracePeriod(Duration value) {
            return new Options(namespace, logDirectory, terminationGracePeriod, probePeriod, value, nodeName);
        }

        public Options withNodeName(String value) {
            return new Options(namespace, logDirectory, terminationGracePeriod, probePeriod, closeGracePeriod, value);
        }
    }

    private final KubernetesClient client;
    private final ContainerRuntimes runtimes;
    private final Options options;
    private final ScheduledExecutorService loop;
    private final ExecutorService workers;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<Service> services;

    // Owned by the loop thread.
    private final Map<String, DeploymentRecord> deployments = new HashMap<>();
    private final Map<String, PodRecord> pods = new LinkedHashMap<>();
    /** The slices last written, by {@code namespace/service}. */
    private final Map<String, EndpointSlice> slices = new HashMap<>();

    private final Set<PodRecord> dirtyPods = new LinkedHashSet<>();
    private final Set<String> dirtyNamespaces = new LinkedHashSet<>();
    private final Set<String> dirtyDeployments = new LinkedHashSet<>();
    private ScheduledFuture<?> retry;

    private volatile boolean started;
    private volatile boolean closed;

    public FakeKubelet(KubernetesClient client, ContainerRuntimes runtimes, Options options) {
        this.client = Objects.requireNonNull(client, "client");
        this.runtimes = Objects.requireNonNull(runtimes, "runtimes");
        this.options = Objects.requireNonNull(options, "options");
        this.loop = Executors.newSingleThreadScheduledExecutor(threads("fake-kubelet-loop"));
        this.workers = Executors.newCachedThreadPool(threads("fake-kubelet-worker"));
    }

    /** Starts watching; returns once the informers have listed what exists, with work for it under way. */
    public synchronized FakeKubelet start() {
        if (started || closed) {
            throw new IllegalStateException("a FakeKubelet starts once");
        }
        started = true;
        String ns = options.namespace();
        services = inform(
                ns == null
                        ? client.services().inAnyNamespace().inform(handler(this::serviceChanged, this::serviceChanged))
                        : client.services()
                                .inNamespace(ns)
                                .inform(handler(this::serviceChanged, this::serviceChanged)));
        inform(
                ns == null
                        ? client.pods().inAnyNamespace().inform(handler(this::podChanged, this::podDeleted))
                        : client.pods().inNamespace(ns).inform(handler(this::podChanged, this::podDeleted)));
        inform(
                ns == null
                        ? client.apps()
                                .deployments()
                                .inAnyNamespace()
                                .inform(handler(this::deploymentChanged, this::deploymentDeleted))
                        : client.apps()
                                .deployments()
                                .inNamespace(ns)
                                .inform(handler(this::deploymentChanged, this::deploymentDeleted)));
        return this;
    }

    private <T> SharedIndexInformer<T> inform(SharedIndexInformer<T> informer) {
        informers.add(informer);
        return informer;
    }

    /** A handler that only queues the event for the loop: informer threads never do the work. */
    private <T> ResourceEventHandler<T> handler(Consumer<T> changed, Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                submit(() -> changed.accept(obj));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                submit(() -> changed.accept(newObj));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                submit(() -> deleted.accept(obj));
            }
        };
    }

    // ---- the loop: every state change runs here, followed by writing what it changed -------------------------

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            loop.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            // Closing: nothing is to happen any more.
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return loop.schedule(() -> run(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void run(Runnable task) {
        if (closed) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "fake kubelet: " + e, e);
        }
        flush();
    }

    /** Writes the pods, slices and Deployment statuses the last task changed; what fails is tried again soon. */
    private void flush() {
        boolean failed = false;
        for (PodRecord pod : List.copyOf(dirtyPods)) {
            dirtyPods.remove(pod);
            if (!write(() -> writePodStatus(pod))) {
                dirtyPods.add(pod);
                failed = true;
            }
        }
        for (String namespace : List.copyOf(dirtyNamespaces)) {
            dirtyNamespaces.remove(namespace);
            if (!write(() -> syncSlices(namespace))) {
                dirtyNamespaces.add(namespace);
                failed = true;
            }
        }
        for (String key : List.copyOf(dirtyDeployments)) {
            dirtyDeployments.remove(key);
            if (!write(() -> writeDeploymentStatus(key))) {
                dirtyDeployments.add(key);
                failed = true;
            }
        }
        if (failed && (retry == null || retry.isDone())) {
            retry = schedule(() -> {}, RETRY_AFTER_MS);
        }
    }

    private static boolean write(Runnable write) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            // Not only the API's errors: anything thrown here would vanish in the executor, and the write with it.
            LOG.log(System.Logger.Level.WARNING, "fake kubelet: write failed, will retry: " + e, e);
            return false;
        }
    }

    // ---- Deployments: the ReplicaSet and Deployment controllers ---------------------------------------------

    private void deploymentChanged(Deployment d) {
        String key = key(d);
        DeploymentRecord rec = deployments.computeIfAbsent(key, k -> new DeploymentRecord(k));
        Long generation = d.getMetadata().getGeneration();
        if (rec.latest == null
                || !Objects.equals(generation, rec.latest.getMetadata().getGeneration())) {
            // A new spec (a scale or a new template) is progress: the deadline counts from here.
            rec.lastProgressNanos = System.nanoTime();
        }
        rec.latest = d;
        reconcile(rec);
        dirtyDeployments.add(key);
    }

    private void deploymentDeleted(Deployment d) {
        DeploymentRecord rec = deployments.remove(key(d));
        if (rec == null) {
            return;
        }
        cancel(rec.deadlineCheck);
        podsOf(rec.key).forEach(this::terminate);
    }

    /** Brings the Deployment's pods to its replica count and template. */
    private void reconcile(DeploymentRecord rec) {
        Deployment d = rec.latest;
        boolean deleting = d.getMetadata().getDeletionTimestamp() != null;
        int desired = deleting ? 0 : DeploymentStatuses.desired(d);
        String hash = templateHash(d.getSpec().getTemplate());
        List<PodRecord> current = new ArrayList<>();
        List<PodRecord> old = new ArrayList<>();
        for (PodRecord p : podsOf(rec.key)) {
            if (!p.terminating) {
                (hash.equals(p.templateHash) ? current : old).add(p);
            }
        }
        for (int i = current.size(); i < desired; i++) {
            if (!createPod(rec, hash)) {
                schedule(
                        () -> {
                            DeploymentRecord again = deployments.get(rec.key);
                            if (again != null) {
                                reconcile(again);
                            }
                        },
                        RETRY_AFTER_MS);
                break;
            }
        }
        if (current.size() > desired) {
            victims(current, current.size() - desired).forEach(this::terminate);
        }
        // maxUnavailable 0: an old pod goes only once a new one is ready to take its place.
        long readyCurrent = current.stream().filter(PodRecord::ready).count();
        int keepOld = (int) Math.max(0, desired - readyCurrent);
        if (old.size() > keepOld) {
            victims(old, old.size() - keepOld).forEach(this::terminate);
        }
    }

    /** The {@code n} pods to stop first, as the ReplicaSet controller picks them: not ready first, then newest. */
    private static List<PodRecord> victims(List<PodRecord> pods, int n) {
        return pods.stream()
                .sorted(Comparator.comparing(PodRecord::ready)
                        .thenComparing(Comparator.comparingLong((PodRecord p) -> p.createdNanos)
                                .reversed()))
                .limit(n)
                .toList();
    }

    private void writeDeploymentStatus(String key) {
        DeploymentRecord rec = deployments.get(key);
        if (rec == null) {
            return;
        }
        Deployment d = rec.latest;
        String hash = templateHash(d.getSpec().getTemplate());
        List<PodView> views = podsOf(key).stream().map(PodRecord::view).toList();
        boolean complete = DeploymentStatuses.complete(d, views, hash);
        long deadlineNanos = TimeUnit.SECONDS.toNanos(DeploymentStatuses.progressDeadlineSeconds(d));
        long sinceProgress = System.nanoTime() - rec.lastProgressNanos;
        boolean exceeded = !complete && sinceProgress > deadlineNanos;
        cancel(rec.deadlineCheck);
        if (!complete && !exceeded) {
            long due = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - sinceProgress) + 50;
            rec.deadlineCheck = schedule(() -> dirtyDeployments.add(key), due);
        }
        DeploymentStatus desired = DeploymentStatuses.compute(d, views, hash, exceeded, now());
        boolean ours = Objects.equals(d.getMetadata().getResourceVersion(), rec.writtenResourceVersion);
        if (desired.equals(d.getStatus()) || (ours && desired.equals(rec.written))) {
            return;
        }
        Deployment written = KubeWrites.retrying(() -> client.apps()
                .deployments()
                .inNamespace(d.getMetadata().getNamespace())
                .withName(d.getMetadata().getName())
                .editStatus(x -> {
                    x.setStatus(desired);
                    return x;
                }));
        if (written != null && deployments.get(key) == rec) {
            rec.latest = written;
            rec.written = desired;
            rec.writtenResourceVersion = written.getMetadata().getResourceVersion();
        }
    }

    private static final class DeploymentRecord {
        final String key;
        Deployment latest;
        long lastProgressNanos = System.nanoTime();
        ScheduledFuture<?> deadlineCheck;
        DeploymentStatus written;
        String writtenResourceVersion;

        DeploymentRecord(String key) {
            this.key = key;
        }
    }

    // ---- Pods: creation, containers, probes ------------------------------------------------------------------

    private boolean createPod(DeploymentRecord rec, String hash) {
        Deployment d = rec.latest;
        PodTemplateSpec template = d.getSpec().getTemplate();
        String ip;
        try {
            ip = LoopbackAddresses.allocate(ports(template.getSpec()));
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "fake kubelet: " + e.getMessage());
            return false;
        }
        for (int attempt = 0; attempt < KubeWrites.ATTEMPTS; attempt++) {
            Pod pod = newPod(d, hash, d.getMetadata().getName() + "-" + hash + "-" + randomSuffix());
            Pod created;
            try {
                created = client.resource(pod).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    continue; // the random suffix was taken
                }
                LoopbackAddresses.release(ip);
                LOG.log(System.Logger.Level.WARNING, "fake kubelet: cannot create a pod of " + rec.key + ": " + e);
                return false;
            }
            PodRecord pr = new PodRecord(created, ip, rec.key, hash, now());
            pods.put(pr.key, pr);
            rec.lastProgressNanos = System.nanoTime();
            changed(pr);
            pr.containers.forEach(c -> startContainer(pr, c));
            return true;
        }
        LoopbackAddresses.release(ip);
        return false;
    }

    private Pod newPod(Deployment d, String hash, String name) {
        PodTemplateSpec template = d.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.put(POD_TEMPLATE_HASH_LABEL, hash);
        PodSpec spec = new PodSpecBuilder(template.getSpec())
                .withNodeName(options.nodeName())
                .build();
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(d.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(
                        template.getMetadata() == null
                                ? null
                                : template.getMetadata().getAnnotations())
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("apps/v1")
                        .withKind("Deployment")
                        .withName(d.getMetadata().getName())
                        .withUid(d.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .withFinalizers(FINALIZER)
                .endMetadata()
                .withSpec(spec)
                .build();
    }

    private void startContainer(PodRecord pr, ContainerRecord cr) {
        String image = cr.spec.getImage();
        var runtime = runtimes.forImage(image);
        if (runtime.isEmpty()) {
            cr.waiting("ErrImagePull", "failed to pull image \"" + image + "\": no ContainerRuntime serves it");
            schedule(
                    () -> {
                        if ("ErrImagePull".equals(cr.waitingReason) && !pr.terminating) {
                            cr.waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\"");
                            changed(pr);
                        }
                    },
                    IMAGE_PULL_BACKOFF_AFTER_MS);
            return;
        }
        cr.waiting("ContainerCreating", null);
        ContainerRuntime.Launch launch = new ContainerRuntime.Launch(
                pr.pod, cr.spec, pr.ip, FieldRefs.env(cr.spec, pr.pod, pr.ip, HOST_IP), options.logDirectory());
        cr.starting = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return runtime.get().start(launch);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                },
                workers);
        cr.starting.whenComplete((running, error) -> submit(() -> containerStarted(pr, cr, running, error)));
    }

    private void containerStarted(PodRecord pr, ContainerRecord cr, ContainerRuntime.Running running, Throwable e) {
        if (e != null) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            cr.terminated(128, "StartError", String.valueOf(cause.getMessage()), now());
            changed(pr);
            return;
        }
        if (pr.terminating) {
            return; // the stop under way waits for this start and stops it
        }
        cr.startedAt = now();
        cr.waitingReason = null;
        cr.waitingMessage = null;
        running.exit().thenAccept(code -> submit(() -> containerExited(pr, cr, code)));
        Probe probe = cr.spec.getReadinessProbe();
        if (probe == null) {
            cr.ready = true;
            becameReady(pr);
        } else {
            long delay = TimeUnit.SECONDS.toMillis(Probing.orDefault(probe.getInitialDelaySeconds(), 0));
            cr.probeTask = schedule(() -> probe(pr, cr), delay);
        }
        changed(pr);
    }

    private void containerExited(PodRecord pr, ContainerRecord cr, int code) {
        if (cr.exitCode != null) {
            return;
        }
        cancel(cr.probeTask);
        cr.ready = false;
        cr.terminated(code, code == 0 ? "Completed" : "Error", null, now());
        changed(pr);
    }

    private void probe(PodRecord pr, ContainerRecord cr) {
        if (!probing(pr, cr)) {
            return;
        }
        Probe probe = cr.spec.getReadinessProbe();
        long begun = System.nanoTime();
        CompletableFuture.supplyAsync(() -> Probing.attempt(probe, cr.spec, pr.ip), workers)
                .whenComplete((ok, e) -> submit(() -> probed(pr, cr, Boolean.TRUE.equals(ok), begun)));
    }

    private void probed(PodRecord pr, ContainerRecord cr, boolean ok, long begun) {
        if (!probing(pr, cr)) {
            return;
        }
        Probe probe = cr.spec.getReadinessProbe();
        if (ok) {
            cr.failures = 0;
            cr.successes++;
            if (!cr.ready && cr.successes >= Probing.orDefault(probe.getSuccessThreshold(), 1)) {
                cr.ready = true;
                changed(pr);
                becameReady(pr);
            }
        } else {
            cr.successes = 0;
            cr.failures++;
            if (cr.ready && cr.failures >= Probing.orDefault(probe.getFailureThreshold(), 3)) {
                cr.ready = false;
                changed(pr);
            }
        }
        long period = options.probePeriod() != null
                ? options.probePeriod().toMillis()
                : TimeUnit.SECONDS.toMillis(Probing.orDefault(probe.getPeriodSeconds(), 10));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
        cr.probeTask = schedule(() -> probe(pr, cr), period - elapsed);
    }

    private boolean probing(PodRecord pr, ContainerRecord cr) {
        return !pr.terminating && cr.startedAt != null && cr.exitCode == null && pods.get(pr.key) == pr;
    }

    /** A ready pod is progress for its Deployment, and may let an old pod of a rollout go. */
    private void becameReady(PodRecord pr) {
        if (!pr.ready()) {
            return;
        }
        DeploymentRecord rec = deployments.get(pr.deploymentKey);
        if (rec != null) {
            rec.lastProgressNanos = System.nanoTime();
            reconcile(rec);
        }
    }

    private void writePodStatus(PodRecord pr) {
        if (pods.get(pr.key) != pr || pr.goneFromApi) {
            return;
        }
        List<ContainerStatus> containers =
                pr.containers.stream().map(c -> c.status(pr)).toList();
        PodStatus desired = PodStatuses.of(pr.ip, HOST_IP, pr.startTime, containers, pr.written, now());
        if (desired.equals(pr.written)) {
            return;
        }
        KubeWrites.retrying(
                () -> client.pods().inNamespace(pr.namespace).withName(pr.name).editStatus(p -> {
                    p.setStatus(desired);
                    return p;
                }));
        pr.written = desired;
    }

    // ---- stopping ----------------------------------------------------------------------------------------------

    private void podChanged(Pod pod) {
        PodRecord pr = ours(pod);
        if (pr != null && pod.getMetadata().getDeletionTimestamp() != null && !pr.terminating) {
            terminate(pr);
            reconcileOwner(pr);
        }
    }

    private void podDeleted(Pod pod) {
        PodRecord pr = ours(pod);
        if (pr != null) {
            pr.goneFromApi = true;
            if (!pr.terminating) {
                terminate(pr);
                reconcileOwner(pr);
            }
        }
    }

    /** The record of {@code pod} if it is one of ours (same name and uid). */
    private PodRecord ours(Pod pod) {
        PodRecord pr = pods.get(key(pod));
        return pr != null
                        && Objects.equals(
                                pr.pod.getMetadata().getUid(), pod.getMetadata().getUid())
                ? pr
                : null;
    }

    private void reconcileOwner(PodRecord pr) {
        DeploymentRecord rec = deployments.get(pr.deploymentKey);
        if (rec != null) {
            reconcile(rec);
        }
    }

    /**
     * Stops a pod as the kubelet does on deletion: out of the ready endpoints at once, then {@code preStop} hooks
     * and SIGTERM to every container together, SIGKILL for what is left after the grace period; the Pod object
     * goes once all have stopped.
     */
    private void terminate(PodRecord pr) {
        if (pr.terminating) {
            return;
        }
        pr.terminating = true;
        for (ContainerRecord cr : pr.containers) {
            cancel(cr.probeTask);
            cr.ready = false;
        }
        changed(pr);
        if (!pr.goneFromApi) {
            try {
                client.pods().inNamespace(pr.namespace).withName(pr.name).delete();
            } catch (KubernetesClientException e) {
                LOG.log(System.Logger.Level.WARNING, "fake kubelet: cannot delete pod " + pr.key + ": " + e);
            }
        }
        Duration grace = gracePeriod(pr.pod);
        CompletableFuture<?>[] stops =
                pr.containers.stream().map(cr -> stopContainer(pr, cr, grace)).toArray(CompletableFuture<?>[]::new);
        CompletableFuture.allOf(stops)
                .orTimeout(grace.toMillis() + 10_000, TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> submit(() -> podStopped(pr)));
    }

    private CompletableFuture<Void> stopContainer(PodRecord pr, ContainerRecord cr, Duration grace) {
        if (cr.starting == null) {
            return CompletableFuture.completedFuture(null);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        return cr.starting
                .handle((running, error) -> running)
                .thenComposeAsync(
                        running -> {
                            if (running == null || running.exit().isDone()) {
                                return CompletableFuture.completedFuture(null);
                            }
                            preStop(cr.spec, pr.ip, deadline);
                            running.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                            return running.exit().thenApply(code -> (Void) null);
                        },
                        workers);
    }

    /** The container's {@code preStop} HTTP hook, within what is left of the grace period; its outcome is moot. */
    private static void preStop(Container container, String podIp, long deadline) {
        var lifecycle = container.getLifecycle();
        if (lifecycle == null
                || lifecycle.getPreStop() == null
                || lifecycle.getPreStop().getHttpGet() == null) {
            return;
        }
        int left = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            Probing.httpGet(lifecycle.getPreStop().getHttpGet(), container, podIp, left);
        } catch (Exception e) {
            // A failed hook does not stop the termination, as in Kubernetes.
        }
    }

    private void podStopped(PodRecord pr) {
        if (pods.get(pr.key) != pr) {
            return;
        }
        if (!pr.goneFromApi) {
            KubeWrites.retrying(() -> client.pods()
                    .inNamespace(pr.namespace)
                    .withName(pr.name)
                    .edit(p -> {
                        if (p.getMetadata().getFinalizers() != null) {
                            p.getMetadata().getFinalizers().remove(FINALIZER);
                        }
                        return p;
                    }));
        }
        pods.remove(pr.key);
        dirtyPods.remove(pr);
        LoopbackAddresses.release(pr.ip);
        dirtyNamespaces.add(pr.namespace);
        dirtyDeployments.add(pr.deploymentKey);
        reconcileOwner(pr);
    }

    private Duration gracePeriod(Pod pod) {
        if (options.terminationGracePeriod() != null) {
            return options.terminationGracePeriod();
        }
        Long seconds = pod.getSpec() == null ? null : pod.getSpec().getTerminationGracePeriodSeconds();
        return Duration.ofSeconds(seconds == null || seconds < 0 ? 30 : seconds);
    }

    // ---- EndpointSlices: the EndpointSlice controller ----------------------------------------------------------

    private void serviceChanged(Service service) {
        dirtyNamespaces.add(service.getMetadata().getNamespace());
    }

    private void syncSlices(String namespace) {
        List<PodView> views = pods.values().stream()
                .filter(p -> p.namespace.equals(namespace))
                .map(PodRecord::view)
                .toList();
        Set<String> wanted = new HashSet<>();
        for (Service service : services.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace)) {
            if (!EndpointSlices.managed(service)) {
                continue;
            }
            String key = key(service);
            wanted.add(key);
            EndpointSlice desired = EndpointSlices.of(service, views, options.nodeName());
            if (!desired.equals(slices.get(key))) {
                upsert(desired);
                slices.put(key, desired);
            }
        }
        for (String key : List.copyOf(slices.keySet())) {
            if (key.startsWith(namespace + "/") && !wanted.contains(key)) {
                // No garbage collector here: a deleted Service's slice, or one that lost its selector, goes now.
                EndpointSlice gone = slices.get(key);
                client.discovery()
                        .v1()
                        .endpointSlices()
                        .inNamespace(namespace)
                        .withName(gone.getMetadata().getName())
                        .delete();
                slices.remove(key);
            }
        }
    }

    private void upsert(EndpointSlice slice) {
        var resource = client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(slice.getMetadata().getNamespace())
                .withName(slice.getMetadata().getName());
        KubeWrites.retrying(() -> {
            EndpointSlice existing = resource.get();
            if (existing == null) {
                return client.resource(slice).create();
            }
            return client.resource(new EndpointSliceBuilder(slice)
                            .editMetadata()
                            .withResourceVersion(existing.getMetadata().getResourceVersion())
                            .endMetadata()
                            .build())
                    .update();
        });
    }

    // ---- shutdown ----------------------------------------------------------------------------------------------

    /**
     * Stops watching, stops every container (SIGTERM, SIGKILL after {@link Options#closeGracePeriod()}, no {@code
     * preStop} hooks) and waits for all of them to exit. API objects are left as they are.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        informers.forEach(SharedIndexInformer::stop);
        List<CompletableFuture<ContainerRuntime.Running>> containers = List.of();
        List<String> ips = List.of();
        try {
            var state = CompletableFuture.supplyAsync(
                            () -> {
                                List<CompletableFuture<ContainerRuntime.Running>> all = new ArrayList<>();
                                for (PodRecord pr : pods.values()) {
                                    for (ContainerRecord cr : pr.containers) {
                                        cancel(cr.probeTask);
                                        if (cr.starting != null) {
                                            all.add(cr.starting);
                                        }
                                    }
                                }
                                deployments.values().forEach(rec -> cancel(rec.deadlineCheck));
                                List<String> addresses =
                                        pods.values().stream().map(p -> p.ip).toList();
                                return Map.entry(all, addresses);
                            },
                            loop)
                    .get(30, TimeUnit.SECONDS);
            containers = state.getKey();
            ips = state.getValue();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "fake kubelet: the loop did not hand over its pods: " + e);
        }
        Duration grace = options.closeGracePeriod();
        CompletableFuture<?>[] exits = containers.stream()
                .map(starting -> starting.handle((running, error) -> running).thenCompose(running -> {
                    if (running == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    running.stop(grace);
                    return running.exit();
                }))
                .toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis() + 20_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "fake kubelet: not every container stopped: " + e);
        }
        loop.shutdownNow();
        workers.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ips.forEach(LoopbackAddresses::release);
    }

    // ---- records -----------------------------------------------------------------------------------------------

    private void changed(PodRecord pr) {
        dirtyPods.add(pr);
        dirtyNamespaces.add(pr.namespace);
        dirtyDeployments.add(pr.deploymentKey);
    }

    private List<PodRecord> podsOf(String deploymentKey) {
        return pods.values().stream()
                .filter(p -> p.deploymentKey.equals(deploymentKey))
                .toList();
    }

    private static final class PodRecord {
        final Pod pod;
        final String key;
        final String namespace;
        final String name;
        final String ip;
        final String deploymentKey;
        final String templateHash;
        final String startTime;
        final long createdNanos = System.nanoTime();
        final List<ContainerRecord> containers = new ArrayList<>();
        boolean terminating;
        boolean goneFromApi;
        PodStatus written;

        PodRecord(Pod pod, String ip, String deploymentKey, String templateHash, String startTime) {
            this.pod = pod;
            this.key = key(pod);
            this.namespace = pod.getMetadata().getNamespace();
            this.name = pod.getMetadata().getName();
            this.ip = ip;
            this.deploymentKey = deploymentKey;
            this.templateHash = templateHash;
            this.startTime = startTime;
            pod.getSpec().getContainers().forEach(c -> containers.add(new ContainerRecord(c)));
        }

        boolean ready() {
            return !terminating && containers.stream().allMatch(c -> c.ready);
        }

        PodView view() {
            return new PodView(
                    namespace,
                    name,
                    pod.getMetadata().getUid(),
                    ip,
                    pod.getMetadata().getLabels(),
                    pod.getSpec(),
                    templateHash,
                    ready(),
                    terminating);
        }
    }

    private static final class ContainerRecord {
        final Container spec;
        /** Null while the image is not "pulled"; completes with the running container or the start's failure. */
        CompletableFuture<ContainerRuntime.Running> starting;

        String waitingReason;
        String waitingMessage;
        String startedAt;
        Integer exitCode;
        String terminatedReason;
        String terminatedMessage;
        String finishedAt;
        boolean ready;
        int successes;
        int failures;
        ScheduledFuture<?> probeTask;

        ContainerRecord(Container spec) {
            this.spec = spec;
        }

        void waiting(String reason, String message) {
            waitingReason = reason;
            waitingMessage = message;
        }

        void terminated(int code, String reason, String message, String at) {
            exitCode = code;
            terminatedReason = reason;
            terminatedMessage = message;
            finishedAt = at;
            waitingReason = null;
            waitingMessage = null;
        }

        ContainerStatus status(PodRecord pr) {
            ContainerStatusBuilder b = new ContainerStatusBuilder()
                    .withName(spec.getName())
                    .withImage(spec.getImage())
                    .withImageID(startedAt == null ? "" : spec.getImage())
                    .withContainerID(
                            startedAt == null
                                    ? null
                                    : "fake://" + pr.pod.getMetadata().getUid() + "/" + spec.getName())
                    .withReady(ready)
                    .withStarted(startedAt != null && exitCode == null)
                    .withRestartCount(0);
            if (exitCode != null) {
                b.withNewState()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .withReason(terminatedReason)
                        .withMessage(terminatedMessage)
                        .withStartedAt(startedAt)
                        .withFinishedAt(finishedAt)
                        .endTerminated()
                        .endState();
            } else if (startedAt != null) {
                b.withNewState()
                        .withNewRunning()
                        .withStartedAt(startedAt)
                        .endRunning()
                        .endState();
            } else {
                b.withNewState()
                        .withNewWaiting()
                        .withReason(waitingReason)
                        .withMessage(waitingMessage)
                        .endWaiting()
                        .endState();
            }
            return b.build();
        }
    }

    // ---- small helpers -------------------------------------------------------------------------------------

    /** The numbers the pod's containers listen on: their declared ports and {@code PORT} (Knative's contract). */
    private static List<Integer> ports(PodSpec spec) {
        List<Integer> ports = new ArrayList<>();
        for (Container c : spec.getContainers()) {
            if (c.getPorts() != null) {
                c.getPorts().stream().map(ContainerPort::getContainerPort).forEach(ports::add);
            }
            if (c.getEnv() != null) {
                for (EnvVar v : c.getEnv()) {
                    if ("PORT".equals(v.getName())
                            && v.getValue() != null
                            && v.getValue().matches("\\d{1,5}")) {
                        ports.add(Integer.parseInt(v.getValue()));
                    }
                }
            }
        }
        return ports;
    }

    /** Ten characters derived from the template, like Kubernetes' {@code pod-template-hash}. */
    private String templateHash(PodTemplateSpec template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(client.getKubernetesSerialization().asJson(template).getBytes(StandardCharsets.UTF_8));
            StringBuilder hash = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                hash.append(NAME_CHARS.charAt((digest[i] & 0xff) % NAME_CHARS.length()));
            }
            return hash.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String randomSuffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
        }
        return s.toString();
    }

    private static String key(HasMetadata o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
