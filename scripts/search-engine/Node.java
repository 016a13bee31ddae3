import java.util.ArrayList;
import java.util.List;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One real OpenSearch node in its own JVM (run as a single-file program, nothing is built).
 *
 * The runner's own main starts every node of a cluster inside one JVM, so one node can never
 * be stopped on its own; the cluster-fault tests need exactly that. Each node is therefore a
 * JVM of its own, and the nodes find each other on fixed loopback transport ports.
 *
 * Arguments: home, cluster name, node number (1-based), node count, HTTP port of node 1.
 * Node i answers HTTP on port + i - 1 and talks transport on port + 1000 + i - 1.
 */
public class Node {
    public static void main(final String[] args) throws Exception {
        final String home = args[0];
        final String cluster = args[1];
        final int id = Integer.parseInt(args[2]);
        final int count = Integer.parseInt(args[3]);
        final int httpPort = Integer.parseInt(args[4]);
        final List<String> names = new ArrayList<>();
        final List<String> seeds = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("node-" + i);
            seeds.add("127.0.0.1:" + (httpPort + 1000 + i - 1));
        }
        final OpenSearchRunner runner = new OpenSearchRunner();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final Exception e) {
                System.err.println(e);
            }
        }));
        // Our ports are fixed and checked by the start script: no probing for a free one.
        runner.setMaxHttpPort(-1);
        runner.onBuild((index, settings) -> {
            settings.put("node.name", "node-" + id);
            settings.put("http.port", String.valueOf(httpPort + id - 1));
            settings.put("network.host", "127.0.0.1");
            settings.put("transport.port", String.valueOf(httpPort + 1000 + id - 1));
            if (count == 1) {
                settings.put("discovery.type", "single-node");
            } else {
                settings.putList("discovery.seed_hosts", seeds);
                settings.putList("cluster.initial_cluster_manager_nodes", names);
            }
            // A full disk on a developer's machine must not leave replicas unassigned (yellow).
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            // As Elasticsearch 8 does by default: no wildcard deletes of indices.
            settings.put("action.destructive_requires_name", "true");
        });
        // The runner gives its node number 1 the HTTP port baseHttpPort + 1.
        runner.build("-basePath", home, "-numOfNode", "1", "-clusterName", cluster,
                "-baseHttpPort", String.valueOf(httpPort + id - 2));
        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}
