package dev.driftless.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(15)
class ErrorsAndAuthTest {

  private static final String NO_TASKS = "id: a\nnamespace: dev\ntasks: []\n";
  private static final String TYPELESS_TASK = "id: a\nnamespace: dev\ntasks:\n  - id: t\n";
  private static final String USER = "admin@example.com";
  private static final String PASSWORD = "Secret123";

  @Test
  void legacyErrors_areJsonWithEmbeddedErrorPaths() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      Http.Res empty = api.postYaml("/flows", NO_TASKS);
      assertEquals(422, empty.status());
      assertTrue(empty.contentType().startsWith("application/json"), empty.contentType());
      assertEquals("Invalid entity: tasks: must not be empty\n", empty.json().get("message").asText(),
          "Kestra ends each violation with a line break");
      assertEquals("tasks", empty.json().at("/_embedded/errors/0/path").asText());
      assertEquals("must not be empty", empty.json().at("/_embedded/errors/0/message").asText());

      // A task without a type cannot be read into a flow: Kestra names Jackson's reference chain.
      JsonNode typeless = api.postYaml("/flows", TYPELESS_TASK).json();
      assertEquals("io.kestra.core.models.flows.Flow[\"tasks\"]->java.util.ArrayList[0]",
          typeless.at("/_embedded/errors/0/path").asText());
      assertEquals("Invalid type: <null>", typeless.at("/_embedded/errors/0/message").asText());
      assertEquals(422, api.postYaml("/flows", "id: [unclosed").status(), "malformed YAML");
    }
  }

  @Test
  void problemDetailsErrors_from2_0_carryTypeAndJsonPointers() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("2.0.1").start()) {
      Http api = Http.at(kestra.apiUrl());
      Http.Res invalid = api.postYaml("/flows", TYPELESS_TASK);
      assertEquals(422, invalid.status());
      assertTrue(invalid.contentType().startsWith("application/problem+json"), invalid.contentType());
      JsonNode problem = invalid.json();
      assertTrue(problem.get("type").asText().endsWith("/problems/validation-failed"));
      assertEquals("Validation failed", problem.get("title").asText());
      assertEquals(422, problem.get("status").asInt());
      assertEquals("/api/v1/main/flows", problem.get("instance").asText());
      assertEquals("/tasks/0/type", problem.at("/errors/0/pointer").asText());
      assertEquals("Invalid type: <null>", problem.at("/errors/0/detail").asText());

      Http.Res missing = api.get("/flows/dev/none");
      assertEquals(404, missing.status());
      assertTrue(missing.json().get("type").asText().endsWith("/problems/not-found"));
      assertEquals("OSS", missing.header("X-Kestra-Edition"));

      assertTrue(api.get("/flows/search?page=0").json().get("type").asText().endsWith("/validation-failed"));
    }
  }

  @Test
  void editionHeader_isAbsentOnOldServers() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http.Res missing = Http.at(kestra.apiUrl()).get("/flows/dev/none");
      assertEquals(404, missing.status());
      assertEquals("", missing.header("X-Kestra-Edition"));
    }
  }

  @Test
  void basicAuth_missingOrWrong_is401WithTheKestraRealm() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").basicAuth(USER, PASSWORD).start()) {
      Http anonymous = Http.at(kestra.apiUrl());
      Http.Res denied = anonymous.get("/flows/search");
      assertEquals(401, denied.status());
      assertEquals("Basic realm=Kestra", denied.header("WWW-Authenticate"));
      assertEquals("", denied.text(), "Kestra's 401 has an empty body");
      assertEquals(401, Http.at(kestra.apiUrl()).withBasic(USER, "wrong").get("/flows/search").status());
      assertEquals(401, Http.at(kestra.url()).get("/api/v1/configs").status(), "configs need credentials");

      Http authed = Http.at(kestra.apiUrl()).withBasic(USER, PASSWORD);
      assertEquals(200, authed.get("/flows/search").status());
      assertEquals(200, Http.at(kestra.url()).get("/_emulator/requests").status(), "the control endpoint is open");
    }
  }

  @Test
  void configs_needCredentials_on0_20_tooWhenBasicAuthIsOn() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").basicAuth(USER, PASSWORD).start()) {
      Http.Res denied = Http.at(kestra.url()).get("/api/v1/configs");
      assertEquals(401, denied.status());
      assertEquals("", denied.text());
      assertEquals(200, Http.at(kestra.url()).withBasic(USER, PASSWORD).get("/api/v1/configs").status());
      assertEquals(200, Http.at(kestra.url()).get("/ping").status(), "/ping stays open");
    }
  }

  @Test
  void enterprise_acceptsBearerTokens_andBasicWhenConfigured() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("1.3.0")
        .apiToken("tok-123").basicAuth(USER, PASSWORD).start()) {
      assertEquals(200, Http.at(kestra.apiUrl()).withBearer("tok-123").get("/flows/search").status());
      assertEquals(200, Http.at(kestra.apiUrl()).withBasic(USER, PASSWORD).get("/flows/search").status());
      Http.Res wrong = Http.at(kestra.apiUrl()).withBearer("nope").get("/flows/search");
      assertEquals(401, wrong.status());
      assertFalse(wrong.text().contains("tok-123"));
    }
  }

  @Test
  void problemDetails_for401_useTheUnauthenticatedType() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("2.0.1").basicAuth(USER, PASSWORD).start()) {
      Http.Res denied = Http.at(kestra.apiUrl()).get("/flows/search");
      assertEquals(401, denied.status());
      assertTrue(denied.json().get("type").asText().endsWith("/problems/unauthenticated"));
    }
  }
}
