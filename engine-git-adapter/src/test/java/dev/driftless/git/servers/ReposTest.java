package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReposTest {

    @TempDir
    Path dir;

    @Test
    void commit_addsAndDeletesOnTopOfTheBranchHead() {
        BareRepo origin = Repos.in(dir).bare("flows");
        ObjectId first = origin.commit("main")
                .add("dev/flows/a.yaml", "id: a\n")
                .add("dev/flows/b.yaml", "id: b\n")
                .message("Two flows")
                .push();
        ObjectId second = origin.commit("main")
                .add("dev/flows/c.yaml", "id: c\n")
                .delete("dev/flows/a.yaml")
                .message("Replace a by c")
                .push();

        assertEquals(Optional.of(second), origin.head("main"));
        assertEquals(Map.of("dev/flows/b.yaml", "id: b\n", "dev/flows/c.yaml", "id: c\n"), origin.files("main"));
        assertEquals(Optional.empty(), origin.file("main", "dev/flows/a.yaml"));
        assertEquals(Optional.of("id: a\n"), origin.file(first.name(), "dev/flows/a.yaml"));
        List<RevCommit> log = origin.log("main");
        assertEquals(List.of("Replace a by c\n", "Two flows\n"), log.stream().map(RevCommit::getFullMessage).toList());
        assertEquals(first, log.get(0).getParent(0));
    }

    @Test
    void delete_removesAWholeDirectory() {
        BareRepo origin = Repos.in(dir).bare("flows");
        origin.commit("main").add("dev/flows/a.yaml", "a").add("dev/files/x.txt", "x").push();
        origin.commit("main").delete("dev/flows").push();

        assertEquals(List.of("dev/files/x.txt"), List.copyOf(origin.files("main").keySet()));
    }

    @Test
    void delete_failsWhenNothingIsThere() {
        BareRepo origin = Repos.in(dir).bare("flows");
        origin.commit("main").add("a.yaml", "a").push();

        assertThrows(IllegalStateException.class, () -> origin.commit("main").delete("missing.yaml").push());
    }

    @Test
    void commit_createsAMissingBranchAsARootCommit_andBranchForksAnother() {
        BareRepo origin = Repos.in(dir).bare("flows");
        origin.commit("main").add("a.yaml", "a").push();
        origin.branch("feature", "main");
        origin.commit("feature").add("b.yaml", "b").push();
        ObjectId orphan = origin.commit("orphan").add("c.yaml", "c").push();

        assertEquals(List.of("feature", "main", "orphan"), origin.branches());
        assertEquals(Map.of("a.yaml", "a", "b.yaml", "b"), origin.files("feature"));
        assertEquals(Map.of("a.yaml", "a"), origin.files("main"));
        assertEquals(0, origin.log("orphan").get(0).getParentCount());
        assertEquals(orphan, origin.head("orphan").orElseThrow());
        assertEquals(Optional.empty(), origin.head("nope"));
    }

    @Test
    void tags_lightweightAndAnnotated_resolveToTheirCommit() {
        BareRepo origin = Repos.in(dir).bare("flows");
        ObjectId v1 = origin.commit("main").add("a.yaml", "v1").push();
        origin.tag("v1", "main");
        origin.commit("main").add("a.yaml", "v2").push();
        ObjectId tagObject = origin.annotatedTag("v2", "main", "Release 2");

        assertEquals(List.of("v1", "v2"), origin.tags());
        assertEquals(Optional.of("v1"), origin.file("v1", "a.yaml"));
        assertEquals(Optional.of("v2"), origin.file("v2", "a.yaml"));
        assertEquals(v1, origin.log("v1").get(0).getId());
        assertFalse(tagObject.equals(origin.head("main").orElseThrow()), "annotated tag is its own object");
        assertThrows(IllegalArgumentException.class, () -> origin.file("v3", "a.yaml"));
    }

    @Test
    void oddEntries_symlinkGitlinkExecutableAndNonUtf8Name_areWrittenWithTheirModes() throws Exception {
        BareRepo origin = Repos.in(dir).bare("flows");
        ObjectId pinned = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");
        byte[] latin1Name = "dev/caf\u00e9.yaml".getBytes(ISO_8859_1);
        origin.commit("main")
                .add("dev/flows/a.yaml", "id: a\n")
                .symlink("dev/flows/link.yaml", "a.yaml")
                .gitlink("vendor/lib", pinned)
                .addExecutable("bin/run.sh", "#!/bin/sh\n")
                .addRawPath(latin1Name, "id: cafe\n")
                .push();

        Map<String, FileMode> entries = origin.entries("main");
        assertEquals(FileMode.SYMLINK, entries.get("dev/flows/link.yaml"));
        assertEquals(FileMode.GITLINK, entries.get("vendor/lib"));
        assertEquals(FileMode.EXECUTABLE_FILE, entries.get("bin/run.sh"));
        assertEquals(Optional.of("a.yaml"), origin.file("main", "dev/flows/link.yaml"));
        assertEquals(Optional.empty(), origin.file("main", "vendor/lib"));

        List<byte[]> rawPaths = new ArrayList<>();
        try (Repository repo = origin.open(); RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(walk.parseCommit(origin.head("main").orElseThrow()).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                rawPaths.add(tw.getRawPath());
                if (tw.getFileMode(0) == FileMode.GITLINK) {
                    assertEquals(pinned, tw.getObjectId(0));
                }
            }
        }
        assertTrue(rawPaths.stream().anyMatch(p -> Arrays.equals(p, latin1Name)), "raw Latin-1 name kept as bytes");
        assertThrows(CharacterCodingException.class, () -> UTF_8.newDecoder().decode(ByteBuffer.wrap(latin1Name)),
                "the name is not valid UTF-8");
    }

    @Test
    void withSubmodule_pinsTheChildHeadAndWritesGitmodules() throws IOException {
        Repos repos = Repos.in(dir);
        BareRepo child = repos.bare("lib");
        ObjectId childHead = child.commit("main").add("lib.yaml", "lib").push();

        BareRepo parent = repos.withSubmodule("app", "modules/lib", child, "git://127.0.0.1:9/lib.git");

        assertEquals(FileMode.GITLINK, parent.entries("main").get("modules/lib"));
        String gitmodules = parent.file("main", ".gitmodules").orElseThrow();
        assertTrue(gitmodules.contains("[submodule \"modules/lib\"]"), gitmodules);
        assertTrue(gitmodules.contains("url = git://127.0.0.1:9/lib.git"), gitmodules);
        try (Repository repo = parent.open(); RevWalk walk = new RevWalk(repo)) {
            TreeWalk tw = TreeWalk.forPath(repo, "modules/lib", walk.parseCommit(parent.head("main").orElseThrow()).getTree());
            assertEquals(childHead, tw.getObjectId(0));
        }
    }

    @Test
    void bare_refusesAnExistingRepository_andNamesMayEndInDotGit() {
        Repos repos = Repos.in(dir);
        BareRepo flows = repos.bare("flows.git");

        assertEquals("flows", flows.name());
        assertEquals(dir.resolve("flows.git").toAbsolutePath(), flows.gitDir());
        assertThrows(IllegalStateException.class, () -> repos.bare("flows"));
        assertEquals(flows.gitDir(), repos.existing("flows").gitDir());
        assertThrows(IllegalArgumentException.class, () -> repos.bare("../escape"));
    }

    @Test
    void commitTree_writesNamesGitItselfRefuses_onTopOfTheHead() {
        BareRepo origin = Repos.in(dir).bare("crafted");
        ObjectId first = origin.commit("main").add("README.md", "hi\n").push();

        ObjectId crafted = origin.commitTree("main", RawTree.of()
                .file("README.md", "hi\n")
                .folder("dev", RawTree.of().folder("files", RawTree.of().file("..", "escape\n").file("ok", "ok\n"))),
                "Crafted");

        assertEquals(Optional.of(crafted), origin.head("main"));
        assertEquals(first, origin.log("main").get(0).getParent(0));
        assertEquals(List.of("README.md", "dev/files/..", "dev/files/ok"), List.copyOf(origin.entries("main").keySet()));
    }
}
