package dev.driftless.emulator;

import java.util.List;
import java.util.Optional;

/**
 * Direct access to the emulator's stored data, per tenant, for seeding a scenario and inspecting
 * its outcome without going through HTTP. Writes here skip all validation on purpose: a test can
 * store a source that the API would refuse (broken YAML, a wrong id) to see how a client copes.
 *
 * <p>Tenants: Legacy and OSS servers keep everything under {@link KestraEmulator#DEFAULT_TENANT}
 * ({@code main}); an Enterprise server under whatever tenant the paths name. Reads return copies
 * and empty results for unknown tenants. Every method is atomic with respect to concurrent API
 * requests.
 */
public interface EmulatorState {

    // ---- flows

    /**
     * Stores a flow source under the namespace and id found in it (read leniently, so that a source
     * which is not valid YAML still works as long as it has {@code id:} and {@code namespace:}
     * lines). Like the server, an unchanged source makes no new revision.
     *
     * @return the flow's current revision
     * @throws IllegalArgumentException when no id and namespace can be found in the source
     */
    FlowRevision putFlowSource(String tenant, String source);

    /** Stores exactly {@code source} as the next revision of the flow {@code namespace.id}. */
    FlowRevision putFlowSource(String tenant, String namespace, String id, String source);

    /** Soft-deletes a flow the way the API does. @return whether a live flow was deleted */
    boolean deleteFlow(String tenant, String namespace, String id);

    /** The current source of a live (not deleted) flow, as the API serves it (0.20 drops a top-level {@code revision:} line). */
    Optional<String> flowSource(String tenant, String namespace, String id);

    /** Every revision of a flow, oldest first, including soft-delete markers. */
    List<FlowRevision> flowRevisions(String tenant, String namespace, String id);

    /** The current revision of every live flow, by namespace then id. */
    List<FlowRevision> flows(String tenant);

    // ---- namespace files

    /** Writes a namespace file ({@code path} absolute inside the namespace, like {@code /a/b.py}). */
    void putNamespaceFile(String tenant, String namespace, String path, byte[] content);

    /** The current content of a namespace file. */
    Optional<byte[]> namespaceFile(String tenant, String namespace, String path);

    /** The paths of a namespace's live files, sorted. */
    List<String> namespaceFilePaths(String tenant, String namespace);

    /** Deletes a file or directory recursively. @return whether anything was deleted */
    boolean deleteNamespaceFile(String tenant, String namespace, String path);

    // ---- dashboards, apps, tests

    /** Stores a dashboard source under {@code id}, replacing any previous one. */
    void putDashboard(String tenant, String id, String source);

    /** A dashboard's source ({@code sourceCode} over the API). */
    Optional<String> dashboardSource(String tenant, String id);

    /** The ids of all dashboards, in creation order. */
    List<String> dashboardIds(String tenant);

    /** Stores an app source under {@code uid}, replacing any previous one. */
    void putApp(String tenant, String uid, String source);

    /** An app's source. */
    Optional<String> appSource(String tenant, String uid);

    /** The uids of all apps, in creation order. */
    List<String> appUids(String tenant);

    /** Stores a test suite source under {@code namespace} and {@code id}, replacing any previous one. */
    void putTest(String tenant, String namespace, String id, String source);

    /** A test suite's source. */
    Optional<String> testSource(String tenant, String namespace, String id);

    // ---- executions and namespaces

    /** Stores an execution, replacing any previous one with the same id. */
    void putExecution(String tenant, Execution execution);

    /** Creates a namespace explicitly (Enterprise servers list them; OSS infers namespaces). */
    void putNamespace(String tenant, String namespace);

    /**
     * The namespaces that exist: created explicitly or holding a live flow or namespace file, sorted.
     */
    List<String> namespaces(String tenant);

    /** Forgets everything, in every tenant. */
    void clear();
}
