package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How the {@link FakeKubelet} runs a container of some image: a real process, an in-process server, anything that
 * listens on the pod's loopback IP. {@link ContainerRuntimes} chooses one by image.
 */
public interface ContainerRuntime {

    /**
     * Starts the container. Called on one of the kubelet's worker threads, never an informer's; it may block briefly
     * (starting a process) but should return before the container is ready: readiness is what probes find out.
     *
     * @return the running container
     * @throws Exception if it could not be started; the container is then reported as terminated with {@code
     *     StartError}
     */
    Running start(Launch launch) throws Exception;

    /**
     * What a container is started with.
     *
     * @param pod the Pod object as the kubelet created it (name, namespace, uid, labels, spec)
     * @param container the container's spec
     * @param podIp the pod's own loopback IP, the address its containers listen on
     * @param env the container's environment with every {@code valueFrom.fieldRef} resolved ({@code status.podIP}
     *     and the like); runtimes may add their own
     * @param logDirectory where runtimes that write logs put them, one file per pod and container
     */
    record Launch(Pod pod, Container container, String podIp, Map<String, String> env, Path logDirectory) {
        public Launch {
            env = Map.copyOf(env);
        }

        public String namespace() {
            return pod.getMetadata().getNamespace();
        }

        public String podName() {
            return pod.getMetadata().getName();
        }

        /** {@code namespace_pod_container.log} under {@link #logDirectory()}, the kubelet's log naming. */
        public Path logFile() {
            return logDirectory.resolve(namespace() + "_" + podName() + "_" + container.getName() + ".log");
        }
    }

    /** A started container. */
    interface Running {
        /**
         * Completes with the exit code once the container has stopped, whether it exited by itself (a crash) or was
         * stopped; never completes exceptionally.
         */
        CompletableFuture<Integer> exit();

        /**
         * Stops the container with SIGTERM semantics: asks it to shut down gracefully and kills it if it is still
         * running after {@code grace}. Returns at once; {@link #exit()} says when it is over.
         */
        void stop(Duration grace);
    }
}
