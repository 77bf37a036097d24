// Tiny embedded Neo4j launcher for stratlink tests (see docs/neo4j-server.md).
// Usage: java -cp <lib>/*:<classes> StratlinkNeo4j <homeDir> <boltPort>
// The password for user "neo4j" is read from env STRATLINK_NEO4J_PASSWORD.
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;

public final class StratlinkNeo4j {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StratlinkNeo4j <homeDir> <boltPort>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("STRATLINK_NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) {
            System.err.println("STRATLINK_NEO4J_PASSWORD is not set");
            System.exit(2);
        }
        long pagecache = Long.parseLong(System.getProperty("stratlink.pagecache", String.valueOf(256L << 20)));
        long t0 = System.nanoTime();

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        // Internal knobs (skipped if a version lacks them): Bolt otherwise idles ~10 s on shutdown.
        String internal = "org.neo4j.configuration.GraphDatabaseInternalSettings";
        optional(builder, internal, "netty_server_shutdown_quiet_period", Duration.ZERO);
        optional(builder, internal, "netty_server_shutdown_timeout", Duration.ofSeconds(2));
        String boltInternal = "org.neo4j.configuration.connectors.BoltConnectorInternalSettings";
        optional(builder, boltInternal, "connection_shutdown_wait_time", Duration.ofSeconds(1));
        optional(builder, boltInternal, "thread_pool_shutdown_wait_time", Duration.ofSeconds(1));
        // LOAD CSV: file URLs confined to <home>/import (file:///etc/passwd reads
        // <home>/import/etc/passwd, which does not exist), and no remote address is
        // fetched (every IPv4 and IPv6 address is on the Cypher IP block list).
        Path importDir = home.resolve("import");
        java.nio.file.Files.createDirectories(importDir);
        builder.setConfig(GraphDatabaseSettings.allow_file_urls, true)
               .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir);
        parsed(builder, "org.neo4j.configuration.GraphDatabaseInternalSettings", "cypher_ip_blocklist",
               "0.0.0.0/0,::/0");
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            System.out.flush();
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
            }
        }, "stratlink-neo4j-shutdown"));

        // Embedded DBMS runs without the auth init files the server scripts write,
        // so set the initial password on the system database (runs with full access).
        // A restart on an existing home (a killed server, for fault tests) keeps its
        // password; any other failure stops the DBMS so the starter sees the exit.
        try {
            try {
                dbms.database("system").executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            } catch (RuntimeException e) {
                String m = String.valueOf(e.getMessage());
                if (!m.contains("Old password and new password cannot be the same")) {
                    throw e;
                }
            }
            dbms.database("neo4j").executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);  // the shutdown hook stops the DBMS
        }

        String watch = System.getProperty("stratlink.watchPid");
        if (watch != null) { // exit (running the shutdown hook) when the starting process dies
            ProcessHandle.of(Long.parseLong(watch)).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        System.out.printf("READY bolt://127.0.0.1:%d neo4j=%s java=%s startup_ms=%d import=%s%n",
                port, DatabaseManagementServiceBuilder.class.getPackage().getImplementationVersion(),
                System.getProperty("java.version"), (System.nanoTime() - t0) / 1_000_000, importDir);
        System.out.flush();
        stopped.await();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void parsed(DatabaseManagementServiceBuilder b, String cls, String field, String value) {
        try {
            Setting s = (Setting) Class.forName(cls).getField(field).get(null);
            Object v = s.getClass().getMethod("parse", String.class).invoke(s, value);
            b.setConfig(s, v);
            System.out.println("setting " + s.name() + "=" + value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a server that cannot block remote LOAD CSV must not start as the test server
            throw new IllegalStateException("cannot apply " + field + ": " + e, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void optional(DatabaseManagementServiceBuilder b, String cls, String field, Duration value) {
        try {
            Setting s = (Setting) Class.forName(cls).getField(field).get(null);
            // some versions type these as Integer seconds, others as Duration
            b.setConfig(s, s.defaultValue() instanceof Integer ? (Object) (int) value.toSeconds() : value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("note: setting " + field + " not applied: " + e);
        }
    }
}
